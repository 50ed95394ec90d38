using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Checkout.Sandbox.Acquirer.TokenCharges;

/// <summary>
/// A token charge the partner asks for: the generic acquirer's <c>POST /payment</c> with <c>payment_methods.klarna.customer_token</c>,
/// or the partner API's <c>POST /v1/payments</c> with <c>customer_token_id</c>. A renewal (<c>customer_present: false</c>)
/// carries its subscriptions; an on-demand charge (<c>customer_present: true</c>) carries the <c>return_url</c> Klarna sends
/// the shopper back to after a step-up. <see cref="StoredToken"/> is never logged.
/// </summary>
internal sealed partial record TokenChargeInput(string Reference, long Amount, string Currency, string StoredToken, JsonObject? PurchaseData)
{
    public bool CustomerPresent => ReturnUrl is not null;

    public string? ReturnUrl { get; init; }

    /// <summary>The generic shape's token, or null when the body is a first charge (or not JSON).</summary>
    public static JsonNode? GenericToken(JsonObject? root) => GenericKlarna(root)?["customer_token"];

    public static JsonObject? GenericKlarna(JsonObject? root) => (root?["payment_methods"] as JsonObject)?["klarna"] as JsonObject;

    public static JsonNode? PartnerTokenId(JsonObject? root) => root?["customer_token_id"];

    public static JsonObject? Root(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static (TokenChargeInput? Input, Dictionary<string, string[]> Errors) Parse(
        JsonObject root, JsonNode? token, string tokenField, JsonNode? customerPresent)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var reference = Text(root["reference"]);
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 100)
        {
            errors["reference"] = ["reference is required, at most 100 characters."];
        }

        long amount = 0;
        if (root["amount"] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out amount) || amount <= 0)
        {
            errors["amount"] = ["amount is required to charge a token: a positive integer in minor units."];
        }

        var currency = Text(root["currency"]);
        if (currency is null || !CurrencyCode().IsMatch(currency))
        {
            errors["currency"] = ["currency is required: three upper-case letters (ISO 4217)."];
        }

        var stored = Text(token);
        if (string.IsNullOrWhiteSpace(stored))
        {
            errors[tokenField] = [$"{tokenField} must be a non-empty string."];
        }

        var present = customerPresent is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
        if (customerPresent is not JsonValue presence || presence.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors["customer_present"] = ["customer_present is required: false for a renewal, true for an on-demand charge."];
        }

        var purchaseData = root["supplementary_purchase_data"] as JsonObject;
        var returnUrl = Text(root["return_url"]);
        if (present && (!Uri.TryCreate(returnUrl, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http")))
        {
            errors["return_url"] = ["return_url is required with the customer present: an absolute http(s) URL for the shopper's return after a step-up."];
        }
        else if (!present && purchaseData?["subscriptions"] is not JsonArray { Count: > 0 })
        {
            errors["supplementary_purchase_data.subscriptions"] = ["subscriptions are required to charge a token with the customer not present."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new(reference!, amount, currency!, stored!, purchaseData) { ReturnUrl = present ? returnUrl : null }, errors);
    }

    public override string ToString() => $"TokenChargeInput({Reference}, {Amount} {Currency}, token ***)";

    private static string? Text(JsonNode? node)
    {
        try
        {
            return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
