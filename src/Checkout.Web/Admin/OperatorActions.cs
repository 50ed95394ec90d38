namespace Checkout.Web.Admin;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Subscriptions;

public enum RetryNowOutcome
{
    /// <summary>The next attempt is due now and the scheduler was woken.</summary>
    Scheduled,

    /// <summary>A charge is in flight; the scheduler asks for its answer under its key, and nothing else is sent.</summary>
    InFlight,

    /// <summary>Only a past-due subscription with a retry scheduled is retried.</summary>
    NotPastDue,

    /// <summary>The scheduler holds the subscription right now.</summary>
    Busy,

    NotFound,
}

/// <summary>What the operator can do. Each change is made under the subscription's claim, like the scheduler's own.</summary>
public sealed class OperatorActions(SubscriptionStore subscriptions, WorkLease lease, RenewalScheduler scheduler, TimeProvider clock)
{
    /// <summary>
    /// Makes a past-due subscription's next attempt due now (same period, same attempt number, same idempotency key)
    /// and wakes the scheduler, which charges it as it would have at the scheduled time.
    /// </summary>
    public async Task<RetryNowOutcome> RetryNowAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        var claim = lease.NewClaim();
        if (!await subscriptions.TryClaimAsync(subscriptionId, claim, cancellationToken))
        {
            return await subscriptions.FindAsync(subscriptionId, cancellationToken) is null ? RetryNowOutcome.NotFound : RetryNowOutcome.Busy;
        }
        var outcome = RetryNowOutcome.NotFound;
        try
        {
            if (await subscriptions.FindClaimedAsync(subscriptionId, claim, cancellationToken) is var (subscription, work))
            {
                outcome = work.InFlightKey is not null ? RetryNowOutcome.InFlight
                    : subscription.Status != SubscriptionStatus.PastDue || subscription.NextChargeAt is null ? RetryNowOutcome.NotPastDue
                    : RetryNowOutcome.Scheduled;
                if (outcome == RetryNowOutcome.Scheduled)
                {
                    subscription.RetryNow(clock.GetUtcNow());
                    // Once claimed, the change and the claim's release finish even when the operator's browser goes away.
                    await subscriptions.SaveAsync(subscription, claim, CancellationToken.None);
                    scheduler.Wake();
                    return outcome;
                }
            }
        }
        catch
        {
            await subscriptions.ReleaseAsync(subscriptionId, claim, CancellationToken.None);
            throw;
        }
        await subscriptions.ReleaseAsync(subscriptionId, claim, CancellationToken.None);
        return outcome;
    }
}
