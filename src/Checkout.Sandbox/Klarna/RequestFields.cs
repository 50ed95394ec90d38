using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Checkout.Sandbox.Klarna;

/// <summary>Reads Klarna request bodies field by field, naming every problem by its parameter path.</summary>
internal static partial class RequestFields
{
    public const string CustomerPresent = "payment:customer_present";
    public const string CustomerNotPresent = "payment:customer_not_present";

    public static JsonObject? ParseObject(ReadOnlySpan<byte> body, List<KlarnaValidationError> errors)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject root)
            {
                return root;
            }
        }
        catch (JsonException)
        {
        }

        errors.Add(new("body", "The body must be a JSON object."));
        return null;
    }

    public static string? ReadCurrency(JsonObject root, List<KlarnaValidationError> errors)
    {
        var currency = ReadString(root, "currency", errors);
        if (currency is null || !CurrencyCode().IsMatch(currency))
        {
            errors.Add(new("currency", "currency is required: three upper-case letters (ISO 4217)."));
            return null;
        }

        return currency;
    }

    public static string? ReadString(JsonObject parent, string name, List<KlarnaValidationError> errors, string path = "")
    {
        if (!parent.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        errors.Add(new(path + name, $"{name} must be a string."));
        return null;
    }

    public static JsonObject? ReadObject(JsonObject parent, string name, List<KlarnaValidationError> errors, string path = "")
    {
        if (!parent.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonObject obj)
        {
            return obj;
        }

        errors.Add(new(path + name, $"{name} must be an object."));
        return null;
    }

    /// <summary>Seed 002's table: subscriptions go with customer_not_present, ondemand_service with customer_present.</summary>
    public static void ValidateScopes(JsonObject customerToken, JsonObject? purchaseData, List<KlarnaValidationError> errors)
    {
        if (customerToken["scopes"] is not JsonArray { Count: > 0 } scopes)
        {
            errors.Add(new("request_customer_token.scopes", "scopes must be a non-empty array."));
            return;
        }

        var values = scopes.Select(scope => scope is JsonValue value && value.TryGetValue<string>(out var text) ? text : null).ToList();
        if (values.Any(scope => scope is not (CustomerPresent or CustomerNotPresent)))
        {
            errors.Add(new("request_customer_token.scopes", $"Each scope must be {CustomerPresent} or {CustomerNotPresent}."));
        }

        if (values.Contains(CustomerNotPresent) && purchaseData?["subscriptions"] is not JsonArray { Count: > 0 })
        {
            errors.Add(new("supplementary_purchase_data.subscriptions",
                $"subscriptions are required with the {CustomerNotPresent} scope."));
        }

        if (values.Contains(CustomerPresent) && purchaseData?["ondemand_service"] is not JsonObject)
        {
            errors.Add(new("supplementary_purchase_data.ondemand_service",
                $"ondemand_service is required with the {CustomerPresent} scope."));
        }
    }

    /// <summary>HANDOVER, an absolute http(s) <c>return_url</c>, and an <c>app_return_url</c> of any scheme.</summary>
    public static void ValidateInteraction(JsonObject interaction, List<KlarnaValidationError> errors, string path)
    {
        if (ReadString(interaction, "method", errors, path) != "HANDOVER")
        {
            errors.Add(new(path + "method", "method must be HANDOVER."));
        }

        var returnUrl = ReadString(interaction, "return_url", errors, path);
        if (returnUrl is not null && !IsWebUrl(returnUrl))
        {
            errors.Add(new(path + "return_url", "return_url must be an absolute http or https URL."));
        }

        var appReturnUrl = ReadString(interaction, "app_return_url", errors, path);
        if (appReturnUrl is not null && !Uri.TryCreate(appReturnUrl, UriKind.Absolute, out _))
        {
            errors.Add(new(path + "app_return_url", "app_return_url must be an absolute URL (an app scheme or a universal link)."));
        }
    }

    public static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static JsonElement? ToElement(JsonObject? node) => node is null ? null : JsonSerializer.SerializeToElement(node);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
