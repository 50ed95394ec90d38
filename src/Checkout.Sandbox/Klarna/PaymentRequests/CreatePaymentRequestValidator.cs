using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Checkout.Sandbox.Klarna.PaymentRequests;

internal sealed record ValidPaymentRequest(
    long? Amount,
    string Currency,
    string? Reference,
    string? PaymentOptionId,
    JsonElement? SupplementaryPurchaseData,
    JsonElement? RequestCustomerToken,
    JsonElement? CustomerInteractionConfig);

/// <summary>Checks a create body the way Klarna reports it: every problem named by its parameter.</summary>
internal static partial class CreatePaymentRequestValidator
{
    private const string CustomerPresent = "payment:customer_present";
    private const string CustomerNotPresent = "payment:customer_not_present";

    public static (ValidPaymentRequest? Request, List<KlarnaValidationError> Errors) Validate(ReadOnlySpan<byte> body)
    {
        var errors = new List<KlarnaValidationError>();
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is null)
        {
            errors.Add(new("body", "The body must be a JSON object."));
            return (null, errors);
        }

        var currency = ReadString(root, "currency", errors);
        if (currency is null || !CurrencyCode().IsMatch(currency))
        {
            errors.Add(new("currency", "currency is required: three upper-case letters (ISO 4217)."));
        }

        var amount = ReadAmount(root, errors);
        var reference = ReadString(root, "payment_request_reference", errors);
        var paymentOptionId = ReadString(root, "payment_option_id", errors);
        var purchaseData = ReadObject(root, "supplementary_purchase_data", errors);
        var customerToken = ReadObject(root, "request_customer_token", errors);
        var interaction = ReadObject(root, "customer_interaction_config", errors);

        if (!root.ContainsKey("amount") && customerToken is null)
        {
            errors.Add(new("amount", "amount is required unless request_customer_token is present."));
        }

        if (customerToken is not null)
        {
            ValidateScopes(customerToken, purchaseData, errors);
        }

        if (interaction is not null)
        {
            ValidateInteraction(interaction, errors);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidPaymentRequest(
            amount, currency!, reference, paymentOptionId,
            ToElement(purchaseData), ToElement(customerToken), ToElement(interaction)), errors);
    }

    private static void ValidateScopes(JsonObject customerToken, JsonObject? purchaseData, List<KlarnaValidationError> errors)
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

    private static void ValidateInteraction(JsonObject interaction, List<KlarnaValidationError> errors)
    {
        var method = ReadString(interaction, "method", errors, "customer_interaction_config.");
        if (method != "HANDOVER")
        {
            errors.Add(new("customer_interaction_config.method", "method must be HANDOVER."));
        }

        var returnUrl = ReadString(interaction, "return_url", errors, "customer_interaction_config.");
        if (returnUrl is not null
            && !(Uri.TryCreate(returnUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            errors.Add(new("customer_interaction_config.return_url", "return_url must be an absolute http or https URL."));
        }
    }

    private static long? ReadAmount(JsonObject root, List<KlarnaValidationError> errors)
    {
        if (!root.TryGetPropertyValue("amount", out var node))
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && value.TryGetValue<long>(out var amount) && amount >= 0)
        {
            return amount;
        }

        errors.Add(new("amount", "amount must be a non-negative integer in minor units."));
        return null;
    }

    private static string? ReadString(JsonObject parent, string name, List<KlarnaValidationError> errors, string path = "")
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

    private static JsonObject? ReadObject(JsonObject parent, string name, List<KlarnaValidationError> errors)
    {
        if (!parent.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonObject obj)
        {
            return obj;
        }

        errors.Add(new(name, $"{name} must be an object."));
        return null;
    }

    private static JsonElement? ToElement(JsonObject? node) => node is null ? null : JsonSerializer.SerializeToElement(node);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
