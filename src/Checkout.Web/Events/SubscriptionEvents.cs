namespace Checkout.Web.Events;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;

/// <summary>
/// What the merchant hears of a subscription's change, staged with the change itself: a new subscription; each newly
/// answered renewal (renewed, or failed with the next retry if one comes); and its end.
/// </summary>
public static class SubscriptionEvents
{
    public const string CanceledByShopper = "canceled_by_shopper";
    public const string RenewalsFailed = "renewal_failed";

    public static async Task CreatedAsync(CheckoutDbContext db, Subscription subscription, CancellationToken cancellationToken) =>
        MerchantEvents.Add(db, MerchantEventTypes.SubscriptionCreated, SubscriptionObject.Of(subscription, await StoreReference.OfOrderAsync(db, subscription.Id, cancellationToken)));

    /// <summary>Stages the events of the tracked <paramref name="subscription"/>'s unsaved changes; call just before saving them.</summary>
    public static async Task ChangedAsync(CheckoutDbContext db, Subscription subscription, CancellationToken cancellationToken)
    {
        var entry = db.Entry(subscription);
        var statusBefore = entry.Property(s => s.Status).OriginalValue;
        var answered = db.ChangeTracker.Entries<RenewalAttempt>()
            .Where(a => a.State == Microsoft.EntityFrameworkCore.EntityState.Added && subscription.Attempts.Contains(a.Entity))
            .Select(a => a.Entity)
            .OrderBy(a => a.PeriodNumber).ThenBy(a => a.AttemptNumber)
            .ToList();
        var canceled = statusBefore != SubscriptionStatus.Canceled && subscription.Status == SubscriptionStatus.Canceled;
        if (answered.Count == 0 && !canceled)
        {
            return;
        }
        // The subscription's id is its sign-up order's.
        var store = await StoreReference.OfOrderAsync(db, subscription.Id, cancellationToken);
        foreach (var attempt in answered)
        {
            if (attempt.Result == RenewalResult.Approved)
            {
                MerchantEvents.Add(db, MerchantEventTypes.SubscriptionRenewed, SubscriptionObject.Of(subscription, store, RenewalAttemptObject.Of(attempt, null)));
            }
            else
            {
                var nextRetry = subscription.Status == SubscriptionStatus.PastDue ? subscription.NextChargeAt : null;
                MerchantEvents.Add(db, MerchantEventTypes.SubscriptionRenewalFailed, SubscriptionObject.Of(subscription, store, RenewalAttemptObject.Of(attempt, nextRetry)));
            }
        }
        if (canceled)
        {
            var reason = answered.Count > 0 && answered[^1].Result == RenewalResult.Declined ? RenewalsFailed : CanceledByShopper;
            MerchantEvents.Add(db, MerchantEventTypes.SubscriptionCanceled, SubscriptionObject.Of(subscription, store, cancellationReason: reason));
        }
    }
}
