namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>What <c>GET /v1/payments/{payment_id}</c> answers (snake_case; absent fields are left out).</summary>
internal sealed record PartnerPaymentView(
    string PaymentId,
    string Reference,
    long? Amount,
    string Currency,
    string Status,
    string? Url,
    string? CustomerTokenId,
    string? PaymentTransactionId,
    string? FailureReason,
    PartnerAdditionalData AdditionalData)
{
    public const string Open = "open";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Call under the payment's lock.</summary>
    public static PartnerPaymentView Of(PartnerPayment payment) => new(
        payment.PaymentId,
        payment.Reference,
        payment.Amount,
        payment.Currency,
        payment.Status,
        payment.Url,
        payment.CustomerTokenId,
        payment.PaymentTransactionId,
        payment.FailureReason,
        new PartnerAdditionalData(payment.NetworkResponseData));
}
