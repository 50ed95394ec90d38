namespace Checkout.Web.Subscriptions;

using Checkout.Acquiring;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;

/// <summary>A renewal claimed with its charge marked in flight (<see cref="RenewalAttemptDue.IdempotencyKey"/>), ready to send.</summary>
public sealed record RenewalToCharge(SubscriptionRenewal Work, RenewalAttemptDue Due, TokenChargeSubscription Subscription)
{
    public Guid SubscriptionId => Work.SubscriptionId;
}

/// <summary>
/// What came of sending one renewal: the acquirer's <see cref="Answer"/> to record; or no answer and a
/// <see cref="RetryReason"/>, to send again under the same key after a backoff; or neither (the charge was
/// interrupted), its row given back as it was, the charge still in flight.
/// </summary>
public sealed record RenewalOutcome(RenewalToCharge Renewal, TokenChargeResult? Answer = null, string? RetryReason = null);
