using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Checkout.Sandbox.Acquirer.GenericPayments;

/// <summary>The generic acquirer call: <c>{amount, currency, reference, payment_methods.klarna.klarna_interoperability_token}</c>.</summary>
internal sealed record GenericPaymentRequest(long Amount, string Currency, string? Reference, string InteroperabilityToken)
{
    public const string TokenField = "payment_methods.klarna.klarna_interoperability_token";

    public static (GenericPaymentRequest? Request, Dictionary<string, string[]> Errors) Parse(ReadOnlySpan<byte> body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
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
            errors["body"] = ["The body must be a JSON object."];
            return (null, errors);
        }

        long amount = 0;
        if (root["amount"] is not JsonValue amountValue || amountValue.GetValueKind() != JsonValueKind.Number
            || !amountValue.TryGetValue(out amount) || amount <= 0)
        {
            errors["amount"] = ["amount must be a positive integer in minor units."];
        }

        var currency = Text(root["currency"]);
        if (currency is null || !CurrencyCode.IsMatch(currency))
        {
            errors["currency"] = ["currency must be three upper-case letters (ISO 4217)."];
        }

        var token = Text(root["payment_methods"]?["klarna"]?["klarna_interoperability_token"]);
        if (string.IsNullOrWhiteSpace(token))
        {
            errors[TokenField] = ["The Klarna interoperability token is required."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new GenericPaymentRequest(amount, currency!, Text(root["reference"]), token!), errors);
    }

    private static readonly Regex CurrencyCode = new("^[A-Z]{3}$", RegexOptions.Compiled);

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
}
