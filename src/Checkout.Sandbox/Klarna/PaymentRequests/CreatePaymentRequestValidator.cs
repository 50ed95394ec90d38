using System.Text.Json;
using System.Text.Json.Nodes;
using static Checkout.Sandbox.Klarna.RequestFields;

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
internal static class CreatePaymentRequestValidator
{
    public static (ValidPaymentRequest? Request, List<KlarnaValidationError> Errors) Validate(ReadOnlySpan<byte> body)
    {
        var errors = new List<KlarnaValidationError>();
        if (ParseObject(body, errors) is not { } root)
        {
            return (null, errors);
        }

        var currency = ReadCurrency(root, errors);
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

        ValidateOndemandService(purchaseData, errors);

        if (interaction is not null)
        {
            ValidateInteraction(interaction, errors, "customer_interaction_config.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidPaymentRequest(
            amount, currency!, reference, paymentOptionId,
            ToElement(purchaseData), ToElement(customerToken), ToElement(interaction)), errors);
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
}
