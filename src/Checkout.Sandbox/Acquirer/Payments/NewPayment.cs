using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>A valid <c>POST /v1/payments</c> body: the partner-facing fields.</summary>
internal sealed partial record NewPayment(
    string Reference,
    string Currency,
    long? Amount,
    IReadOnlyList<string> Scopes,
    JsonObject? SupplementaryPurchaseData,
    string? KlarnaNetworkSessionToken,
    string? KlarnaNetworkData,
    string? PaymentOptionId,
    string? ReturnUrl,
    string? AppReturnUrl)
{
    public const string CustomerPresent = "payment:customer_present";
    public const string CustomerNotPresent = "payment:customer_not_present";
    private const int MaxReferenceLength = 100;

    public static (NewPayment? Payment, Dictionary<string, string[]> Errors) Parse(ReadOnlySpan<byte> body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonObject? root = null;
        try
        {
            root = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
        }

        if (root is null)
        {
            errors["body"] = ["The body must be a JSON object."];
            return (null, errors);
        }

        var reference = Text(root, "reference", errors);
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > MaxReferenceLength)
        {
            errors["reference"] = [$"reference is required, at most {MaxReferenceLength} characters."];
        }

        var currency = Text(root, "currency", errors);
        if (currency is null || !CurrencyCode().IsMatch(currency))
        {
            errors["currency"] = ["currency is required: three upper-case letters (ISO 4217)."];
        }

        var amount = ReadAmount(root, errors);
        var scopes = ReadScopes(root, errors);
        var purchaseData = root["supplementary_purchase_data"] as JsonObject;
        if (root["supplementary_purchase_data"] is not null && purchaseData is null)
        {
            errors["supplementary_purchase_data"] = ["supplementary_purchase_data must be an object."];
        }

        RequireScenarioData(scopes, purchaseData, errors);
        var sessionToken = Text(root, "klarna_network_session_token", errors);
        var networkData = Text(root, "klarna_network_data", errors);
        var optionId = Text(root, "payment_option_id", errors);
        var returnUrl = Text(root, "return_url", errors);
        if (returnUrl is not null && !(Uri.TryCreate(returnUrl, UriKind.Absolute, out var web) && (web.Scheme == Uri.UriSchemeHttp || web.Scheme == Uri.UriSchemeHttps)))
        {
            errors["return_url"] = ["return_url must be an absolute http or https URL."];
        }

        var appReturnUrl = Text(root, "app_return_url", errors);
        if (appReturnUrl is not null && !Uri.TryCreate(appReturnUrl, UriKind.Absolute, out _))
        {
            errors["app_return_url"] = ["app_return_url must be an absolute URL (an app scheme or a universal link)."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new NewPayment(reference!, currency!, amount, scopes, purchaseData, sessionToken, networkData, optionId, returnUrl, appReturnUrl), errors);
    }

    /// <summary>The partner API's rule: subscriptions for customer_not_present, ondemand_service for customer_present.</summary>
    private static void RequireScenarioData(IReadOnlyList<string> scopes, JsonObject? purchaseData, Dictionary<string, string[]> errors)
    {
        if (scopes.Contains(CustomerNotPresent) && purchaseData?["subscriptions"] is not JsonArray { Count: > 0 })
        {
            errors["supplementary_purchase_data.subscriptions"] = [$"subscriptions are required with the {CustomerNotPresent} scope."];
        }

        if (scopes.Contains(CustomerPresent) && purchaseData?["ondemand_service"] is not JsonObject)
        {
            errors["supplementary_purchase_data.ondemand_service"] = [$"ondemand_service is required with the {CustomerPresent} scope."];
        }
    }

    /// <summary>One scope as a string, or Klarna's array of scopes.</summary>
    private static List<string> ReadScopes(JsonObject root, Dictionary<string, string[]> errors)
    {
        var node = root["scopes"];
        var values = node switch
        {
            JsonValue single when single.TryGetValue<string>(out var text) => [text],
            JsonArray array => array.Select(item => item is JsonValue value && value.TryGetValue<string>(out var text) ? text : "").ToList(),
            _ => [],
        };
        if (values.Count == 0 || values.Any(scope => scope is not (CustomerPresent or CustomerNotPresent)))
        {
            errors["scopes"] = [$"scopes is required: {CustomerPresent} or {CustomerNotPresent}."];
        }

        return values;
    }

    private static long? ReadAmount(JsonObject root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetPropertyValue("amount", out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var amount) && amount > 0)
        {
            return amount;
        }

        errors["amount"] = ["amount must be a positive integer in minor units, or absent for tokenization only."];
        return null;
    }

    private static string? Text(JsonObject parent, string name, Dictionary<string, string[]> errors)
    {
        if (!parent.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        errors[name] = [$"{name} must be a string."];
        return null;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
