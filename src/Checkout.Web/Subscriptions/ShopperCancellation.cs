namespace Checkout.Web.Subscriptions;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;

public enum CancellationOutcome
{
    NotFound,

    /// <summary>Canceled at period end now, or already: either way no further charge is made.</summary>
    Scheduled,

    /// <summary>The subscription had already ended; nothing changed.</summary>
    AlreadyEnded,

    /// <summary>A charge is being made right now; nothing changed, and the shopper may ask again in a moment.</summary>
    Busy,
}

/// <summary>
/// The shopper cancels at the end of the period. The change is made under the same claim the scheduler charges
/// under, so it never races a charge in flight: a charge already sent still has its answer recorded (the money
/// moved), and nothing is charged after it. No refund, and the customer token stays where it is.
/// </summary>
public sealed partial class ShopperCancellation(
    SubscriptionStore subscriptions, WorkLease lease, TimeProvider clock, ILogger<ShopperCancellation> log)
{
    private const int Tries = 25;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public async Task<CancellationOutcome> CancelAtPeriodEndAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            if (await subscriptions.FindAsync(subscriptionId, cancellationToken) is not { } current)
            {
                return CancellationOutcome.NotFound;
            }
            if (current.Status.IsFinal())
            {
                return CancellationOutcome.AlreadyEnded;
            }
            if (current.CancelAtPeriodEnd)
            {
                return CancellationOutcome.Scheduled;
            }
            var claim = lease.NewClaim();
            if (await subscriptions.TryHoldAsync(subscriptionId, claim, cancellationToken))
            {
                return await CancelHeldAsync(subscriptionId, claim, cancellationToken);
            }
            // The scheduler holds it for a charge: its answer comes within moments.
            await Task.Delay(Pause, cancellationToken);
        }
        LogBusy(log, subscriptionId);
        return CancellationOutcome.Busy;
    }

    private async Task<CancellationOutcome> CancelHeldAsync(Guid subscriptionId, WorkClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            if (await subscriptions.FindClaimedAsync(subscriptionId, claim, cancellationToken) is not var (subscription, _))
            {
                await subscriptions.ReleaseAsync(subscriptionId, claim, cancellationToken);
                return CancellationOutcome.NotFound;
            }
            if (!subscription.ScheduleCancellation(clock.GetUtcNow()))
            {
                await subscriptions.ReleaseAsync(subscriptionId, claim, cancellationToken);
                return subscription.Status.IsFinal() ? CancellationOutcome.AlreadyEnded : CancellationOutcome.Scheduled;
            }
            await subscriptions.SaveKeepingWorkAsync(subscription, claim, cancellationToken);
            LogScheduled(log, subscriptionId, subscription.CancelsAt);
            return CancellationOutcome.Scheduled;
        }
        catch
        {
            await subscriptions.ReleaseAsync(subscriptionId, claim, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The shopper canceled subscription {SubscriptionId} at the end of its period, {CancelsAt:O}")]
    private static partial void LogScheduled(ILogger logger, Guid subscriptionId, DateTimeOffset? cancelsAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shopper's cancellation of subscription {SubscriptionId} waited for a charge in flight and gave up; nothing changed")]
    private static partial void LogBusy(ILogger logger, Guid subscriptionId);
}
