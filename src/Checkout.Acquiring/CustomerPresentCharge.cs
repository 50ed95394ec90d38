namespace Checkout.Acquiring;

using Checkout.Domain.Pricing;

/// <summary>
/// A charge of a stored token with the shopper present (an on-demand ride). <see cref="StoredToken"/> is what the
/// sign-up kept: Klarna's customer token (direct flow) or the acquirer's token id (acquirer-led). Never logged.
/// <see cref="ReturnUrl"/> is where Klarna sends the shopper after a step-up.
/// </summary>
public sealed record CustomerPresentChargeRequest(string Reference, Money Amount, string StoredToken, string IdempotencyKey, Uri ReturnUrl)
{
    public override string ToString() => $"CustomerPresentChargeRequest({Reference}, {Amount}, token ***, key {IdempotencyKey})";
}

public enum CustomerPresentChargeStatus
{
    Approved,
    Declined,
    TokenRevoked,

    /// <summary>The shopper must approve in Klarna's purchase journey; the acquirer finalizes afterwards.</summary>
    StepUpRequired,
}

/// <summary>
/// The acquirer's answer. <see cref="PurchaseJourneyUrl"/> is Klarna's <c>payment_request_url</c>, unwrapped, on a step-up;
/// <see cref="Reason"/> is the acquirer's (or Klarna's) reason for a decline.
/// </summary>
public sealed record CustomerPresentChargeResult(
    CustomerPresentChargeStatus Status, string? PaymentId, string? PaymentTransactionId, string? PurchaseJourneyUrl, string? Reason);

/// <summary>Charges stored customer-present tokens through the configured acquirer.</summary>
public interface ICustomerPresentCharger
{
    /// <summary>
    /// Charges once per idempotency key: a retry with the same key returns the first answer.
    /// Throws <see cref="AcquirerUnavailableException"/> when the outcome is unknown and may be asked again with the same key,
    /// <see cref="AcquirerRejectedException"/> when the acquirer refuses the request itself.
    /// </summary>
    Task<CustomerPresentChargeResult> ChargeAsync(CustomerPresentChargeRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The acquirer's answer now for the charge it named <paramref name="paymentId"/> (a step-up whose callback never came);
    /// null when this acquirer cannot be asked, so the charge waits for its callback or expires.
    /// Throws as <see cref="ChargeAsync"/> does when the acquirer cannot answer.
    /// </summary>
    Task<CustomerPresentChargeResult?> ReadAsync(string paymentId, CancellationToken cancellationToken);
}

/// <summary>Reads a customer-present charge's answer in the partner-facing shape, by its public result.</summary>
public static class CustomerPresentAnswer
{
    public static CustomerPresentChargeResult Map(
        string? status, string? paymentId, string? transactionId, string? url, string? failureReason, string? failureMessage,
        string? networkResponseData = null) => KlarnaTokenChargeResults.Read(status, networkResponseData) switch
    {
        KlarnaTokenChargeResult.Approved => new(CustomerPresentChargeStatus.Approved,
            paymentId ?? throw new AcquirerUnavailableException("The acquirer approved the ride without a payment_id."), transactionId, null, null),
        KlarnaTokenChargeResult.StepUpRequired when !string.IsNullOrEmpty(url) && !string.IsNullOrEmpty(paymentId) =>
            new(CustomerPresentChargeStatus.StepUpRequired, paymentId, null, url, null),
        KlarnaTokenChargeResult.StepUpRequired => throw new AcquirerUnavailableException("The acquirer left the ride open without Klarna's purchase-journey URL."),
        KlarnaTokenChargeResult.Declined => new(
            KlarnaTokenChargeResults.NamesRevokedToken(failureReason) ? CustomerPresentChargeStatus.TokenRevoked : CustomerPresentChargeStatus.Declined,
            paymentId,
            null,
            null,
            TokenChargeAnswer.Describe(failureReason, failureMessage)),
        _ => throw new AcquirerUnavailableException($"The acquirer answered an unknown status '{status}' for a ride."),
    };
}
