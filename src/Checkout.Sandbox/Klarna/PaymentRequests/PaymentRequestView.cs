using System.Text.Json;

namespace Checkout.Sandbox.Klarna.PaymentRequests;

/// <summary>The payment request as Klarna's API returns it (serialized snake_case).</summary>
internal sealed record PaymentRequestView(
    string PaymentRequestId,
    string? PaymentRequestReference,
    long? Amount,
    string Currency,
    string State,
    string? PreviousState,
    StateContextView StateContext,
    DateTime ExpiresAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    JsonElement? SupplementaryPurchaseData,
    JsonElement? RequestCustomerToken,
    JsonElement? CustomerInteractionConfig,
    string? PaymentOptionId)
{
    /// <summary>Only in webhook payloads, with <see cref="WebhookTokenPlacement.Payload"/> or <see cref="WebhookTokenPlacement.Both"/>.</summary>
    public string? KlarnaNetworkSessionToken { get; init; }

    /// <summary>Only in webhook payloads, with <see cref="WebhookTokenPlacement.Payload"/> or <see cref="WebhookTokenPlacement.Both"/>.</summary>
    public KlarnaCustomerView? KlarnaCustomer { get; init; }

    /// <summary>The webhook's <c>payload</c>: the tokens moved or copied out of <c>state_context</c> as configured.</summary>
    public PaymentRequestView ForWebhook(WebhookTokenPlacement placement) => placement switch
    {
        WebhookTokenPlacement.StateContext => this,
        WebhookTokenPlacement.Both => this with
        {
            KlarnaNetworkSessionToken = StateContext.KlarnaNetworkSessionToken,
            KlarnaCustomer = StateContext.KlarnaCustomer,
        },
        _ => this with
        {
            KlarnaNetworkSessionToken = StateContext.KlarnaNetworkSessionToken,
            KlarnaCustomer = StateContext.KlarnaCustomer,
            StateContext = StateContext with { KlarnaNetworkSessionToken = null, KlarnaCustomer = null },
        },
    };

    /// <summary>Call under the record's lock.</summary>
    public static PaymentRequestView Of(PaymentRequestRecord record)
    {
        var interacting = record.State is PaymentRequestState.Submitted or PaymentRequestState.InProgress;
        var completed = record.State == PaymentRequestState.Completed;
        var context = new StateContextView(
            interacting ? new CustomerInteractionView("HANDOVER", record.PaymentRequestId, record.PaymentRequestUrl) : null,
            completed ? record.SessionToken?.Token : null,
            completed && record.CustomerToken is not null
                ? new KlarnaCustomerView(record.CustomerToken, record.CustomerTokenReference)
                : null);

        return new PaymentRequestView(
            record.PaymentRequestId,
            record.Reference,
            record.Amount,
            record.Currency,
            record.State,
            record.PreviousState,
            context,
            record.ExpiresAt.UtcDateTime,
            record.CreatedAt.UtcDateTime,
            record.UpdatedAt.UtcDateTime,
            record.SupplementaryPurchaseData,
            record.RequestCustomerToken,
            record.CustomerInteractionConfig,
            record.PaymentOptionId);
    }
}

internal sealed record StateContextView(
    CustomerInteractionView? CustomerInteraction,
    string? KlarnaNetworkSessionToken,
    KlarnaCustomerView? KlarnaCustomer);

internal sealed record CustomerInteractionView(string Method, string PaymentRequestId, string PaymentRequestUrl);

internal sealed record KlarnaCustomerView(string CustomerToken, string? CustomerTokenReference);
