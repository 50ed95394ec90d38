namespace Checkout.Acquiring;

using Checkout.Domain.Pricing;

/// <summary>
/// A merchant-initiated charge of a stored token with the shopper not present: a subscription's renewal.
/// <see cref="StoredToken"/> is what the flow kept at sign-up: Klarna's customer token (direct flow) or the
/// acquirer's own token id (acquirer-led flow). Never logged.
/// </summary>
public sealed record TokenChargeRequest(
    string Reference, Money Amount, string StoredToken, string IdempotencyKey, TokenChargeSubscription Subscription)
{
    public override string ToString() => $"TokenChargeRequest({Reference}, {Amount}, token ***, key {IdempotencyKey})";
}

/// <summary>Klarna's <c>supplementary_purchase_data.subscriptions[]</c> for the charge: what is renewed, and for which period.</summary>
public sealed record TokenChargeSubscription(
    string SubscriptionReference, string PlanId, string PlanName, string Interval, int IntervalCount, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd);

public enum TokenChargeStatus
{
    Approved,
    Declined,

    /// <summary>Klarna or the acquirer says the token can no longer be charged (revoked, expired): no retry helps.</summary>
    TokenRevoked,
}

/// <summary>The acquirer's answer; <see cref="Reason"/> is its (or Klarna's) reason, for the operator and the attempt record.</summary>
public sealed record TokenChargeResult(TokenChargeStatus Status, string? PaymentId, string? Reason);

/// <summary>Charges stored tokens through the configured acquirer.</summary>
public interface ITokenCharger
{
    /// <summary>
    /// Charges once per idempotency key: a retry with the same key returns the first answer.
    /// Throws <see cref="AcquirerUnavailableException"/> when the outcome is unknown and may be retried with the same key.
    /// </summary>
    Task<TokenChargeResult> ChargeAsync(TokenChargeRequest request, CancellationToken cancellationToken);
}
