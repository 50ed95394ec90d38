namespace Checkout.Sandbox.Acquirer.Payments;

using System.Text.Json.Nodes;

internal enum PaymentPhase
{
    AwaitingCustomer,
    ReadyToFinalize,
    Finalizing,
    Done,
}

internal static class FailureReason
{
    public const string Declined = "DECLINED";
    public const string CustomerAborted = "CUSTOMER_ABORTED";
    public const string Expired = "EXPIRED";
    public const string SessionTokenExpired = "SESSION_TOKEN_EXPIRED";
}

/// <summary>One partner payment (the acquirer-led flow). Mutated only under <c>lock (payment)</c> by <see cref="PaymentCompletion"/> and the creator.</summary>
internal sealed class PartnerPayment
{
    /// <summary>
    /// A payment as Klarna's first Payment Authorize answer left it, called back at <paramref name="callbackUrl"/> when one is
    /// configured, else at the caller's own <c>/api/webhooks/acquirer</c>.
    /// </summary>
    public static PartnerPayment After(
        KlarnaOutcome outcome, JsonObject klarnaAnswer, string paymentId, string reference, long? amount, string currency,
        string klarnaBody, Uri klarnaBaseUrl, string? callbackUrl, string origin) => new()
    {
        PaymentId = paymentId,
        Reference = reference,
        Amount = amount,
        Currency = currency,
        KlarnaRequestBody = klarnaBody,
        KlarnaBaseUrl = klarnaBaseUrl,
        CallbackUrl = new Uri(string.IsNullOrEmpty(callbackUrl) ? $"{origin}/api/webhooks/acquirer" : callbackUrl),
        PaymentRequestId = outcome.PaymentRequestId,
        Url = outcome.PaymentRequestUrl,
        NetworkResponseData = KlarnaNetworkResponseData.ForPaymentRequest(klarnaAnswer),
    };

    public required string PaymentId { get; init; }

    public required string Reference { get; init; }

    public long? Amount { get; init; }

    public required string Currency { get; init; }

    /// <summary>The Payment Authorize body of the first call; finalization sends the same context.</summary>
    public required string KlarnaRequestBody { get; init; }

    public required Uri KlarnaBaseUrl { get; init; }

    public required Uri CallbackUrl { get; init; }

    public string Status { get; set; } = PartnerPaymentView.Open;

    public PaymentPhase Phase { get; set; } = PaymentPhase.AwaitingCustomer;

    public string? PaymentRequestId { get; set; }

    public string? Url { get; set; }

    public required string NetworkResponseData { get; set; }

    public string? CustomerTokenId { get; set; }

    public string? PaymentTransactionId { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>Klarna's session token from the completed webhook: never shown to the partner.</summary>
    public string? SessionToken { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public void Complete(string? paymentTransactionId)
    {
        Status = PartnerPaymentView.Completed;
        PaymentTransactionId = paymentTransactionId;
        Phase = PaymentPhase.Done;
        SessionToken = null;
    }

    public void Fail(string reason)
    {
        Status = PartnerPaymentView.Failed;
        FailureReason = reason;
        Phase = PaymentPhase.Done;
        SessionToken = null;
    }
}
