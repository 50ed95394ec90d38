using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Checkout.Sandbox.Klarna;

/// <summary>Reads Klarna request bodies field by field, naming every problem by its parameter path.</summary>
internal static partial class RequestFields
{
    public const string CustomerPresent = "payment:customer_present";
    public const string CustomerNotPresent = "payment:customer_not_present";

    private const string Day = "DAY";
    private const string Week = "WEEK";
    private const string Month = "MONTH";
    private const string Year = "YEAR";

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

    /// <summary>The partner API's rule: subscriptions go with customer_not_present, ondemand_service with customer_present.</summary>
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

        if (values.Contains(CustomerPresent) && purchaseData?["ondemand_service"] is null)
        {
            errors.Add(new("supplementary_purchase_data.ondemand_service",
                $"ondemand_service is required with the {CustomerPresent} scope."));
        }
    }

    /// <summary>
    /// <c>ondemand_service</c>, when present: <c>average_amount</c>, <c>minimum_amount</c>, <c>maximum_amount</c> (minor units,
    /// minimum &lt;= average &lt;= maximum) and <c>purchase_interval</c> required; <c>purchase_interval_frequency</c> and
    /// <c>currency</c> optional. Klarna's SDK typings mark every field optional; the sandbox asks for what a usable
    /// description of the service needs (docs/sandbox-contract.md).
    /// </summary>
    public static void ValidateOndemandService(JsonObject? purchaseData, List<KlarnaValidationError> errors)
    {
        const string Name = "supplementary_purchase_data.ondemand_service";
        const string Path = Name + ".";
        if (purchaseData is null || !purchaseData.TryGetPropertyValue("ondemand_service", out var node) || node is null)
        {
            return;
        }

        if (node is not JsonObject service)
        {
            errors.Add(new(Name, "ondemand_service must be an object."));
            return;
        }

        var average = ReadMinorUnits(service, "average_amount", Path, errors);
        var minimum = ReadMinorUnits(service, "minimum_amount", Path, errors);
        var maximum = ReadMinorUnits(service, "maximum_amount", Path, errors);
        if (minimum is { } min && maximum is { } max && min > max)
        {
            errors.Add(new(Path + "maximum_amount", "maximum_amount must not be below minimum_amount."));
        }
        else if (average is { } avg && ((minimum is { } low && avg < low) || (maximum is { } high && avg > high)))
        {
            errors.Add(new(Path + "average_amount", "average_amount must lie between minimum_amount and maximum_amount."));
        }

        var interval = ReadString(service, "purchase_interval", errors, Path);
        if (interval is not (Day or Week or Month or Year) && !errors.Any(error => error.Parameter == Path + "purchase_interval"))
        {
            errors.Add(new(Path + "purchase_interval", "purchase_interval is required: DAY, WEEK, MONTH or YEAR."));
        }

        if (service.TryGetPropertyValue("purchase_interval_frequency", out var frequency) && frequency is not null
            && !(frequency is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var count) && count > 0))
        {
            errors.Add(new(Path + "purchase_interval_frequency", "purchase_interval_frequency must be a positive integer."));
        }

        var currency = ReadString(service, "currency", errors, Path);
        if (currency is not null && !CurrencyCode().IsMatch(currency))
        {
            errors.Add(new(Path + "currency", "currency must be three upper-case letters (ISO 4217)."));
        }
    }

    /// <summary>A required non-negative integer amount in minor units.</summary>
    private static long? ReadMinorUnits(JsonObject parent, string name, string path, List<KlarnaValidationError> errors)
    {
        if (parent[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && value.TryGetValue<long>(out var amount) && amount >= 0)
        {
            return amount;
        }

        errors.Add(new(path + name, $"{name} is required: a non-negative integer in minor units."));
        return null;
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
