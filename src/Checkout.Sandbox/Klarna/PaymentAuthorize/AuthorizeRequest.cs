using System.Text.Json;
using System.Text.Json.Nodes;
using static Checkout.Sandbox.Klarna.RequestFields;

namespace Checkout.Sandbox.Klarna.PaymentAuthorize;

internal sealed record RequestedTransaction(long Amount, string? PaymentOptionId, string? Reference);

/// <summary>A Payment Authorize body (the acquirer-led flow): what to create, the purchase context and how to step up.</summary>
internal sealed record AuthorizeRequest(
    string Currency,
    RequestedTransaction? Transaction,
    JsonElement? RequestCustomerToken,
    JsonElement? SupplementaryPurchaseData,
    string? KlarnaNetworkData,
    string? PaymentRequestReference,
    JsonElement? CustomerInteractionConfig)
{
    /// <summary>A stored customer token sent in the body rather than the <c>Klarna-Customer-Token</c> header.</summary>
    public string? CustomerToken { get; init; }

    public bool WantsCustomerToken => RequestCustomerToken is not null;

    public static (AuthorizeRequest? Request, List<KlarnaValidationError> Errors) Parse(ReadOnlySpan<byte> body)
    {
        var errors = new List<KlarnaValidationError>();
        if (ParseObject(body, errors) is not { } root)
        {
            return (null, errors);
        }

        var currency = ReadCurrency(root, errors);
        var transaction = ReadTransaction(root, errors);
        var customerToken = ReadObject(root, "request_customer_token", errors);
        var purchaseData = ReadObject(root, "supplementary_purchase_data", errors);
        var networkData = ReadString(root, "klarna_network_data", errors);
        var stepUp = ReadObject(root, "step_up_config", errors);
        var bodyToken = ReadString(root, "customer_token", errors);
        if (transaction is null && customerToken is null && !errors.Any(error => error.Parameter.StartsWith("request_", StringComparison.Ordinal)))
        {
            errors.Add(new("request_payment_transaction", "Send request_payment_transaction, request_customer_token or both."));
        }

        if (customerToken is not null)
        {
            ValidateScopes(customerToken, purchaseData, errors);
        }

        ValidateOndemandService(purchaseData, errors);

        string? stepUpReference = null;
        JsonObject? interaction = null;
        if (stepUp is not null)
        {
            stepUpReference = ReadString(stepUp, "payment_request_reference", errors, "step_up_config.");
            interaction = ReadObject(stepUp, "customer_interaction_config", errors, "step_up_config.");
            if (interaction is null)
            {
                errors.Add(new("step_up_config.customer_interaction_config", "customer_interaction_config is required in step_up_config."));
            }
            else
            {
                ValidateInteraction(interaction, errors, "step_up_config.customer_interaction_config.");
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new AuthorizeRequest(
                currency!, transaction, ToElement(customerToken), ToElement(purchaseData), networkData,
                stepUpReference, ToElement(interaction)) { CustomerToken = bodyToken }, errors);
    }

    private static RequestedTransaction? ReadTransaction(JsonObject root, List<KlarnaValidationError> errors)
    {
        const string Path = "request_payment_transaction.";
        if (ReadObject(root, "request_payment_transaction", errors) is not { } transaction)
        {
            return null;
        }

        long amount = 0;
        if (transaction["amount"] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number
            || !value.TryGetValue(out amount) || amount <= 0)
        {
            errors.Add(new(Path + "amount", "amount is required: a positive integer in minor units."));
        }

        var optionId = ReadString(transaction, "payment_option_id", errors, Path);
        var reference = ReadString(transaction, "payment_transaction_reference", errors, Path);
        return new RequestedTransaction(amount, optionId, reference);
    }
}
