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
        var change = Change.Of(db, subscription, AddedAttempts(db));
        if (change.Answered.Count > 0 || change.Canceled)
        {
            // The subscription's id is its sign-up order's.
            change.Stage(db, await StoreReference.OfOrderAsync(db, subscription.Id, cancellationToken));
        }
    }

    /// <summary>
    /// The same for many subscriptions: their changes are looked for once, and their store references read in one
    /// lookup, rather than once per subscription.
    /// </summary>
    public static async Task ChangedAsync(CheckoutDbContext db, IReadOnlyList<Subscription> subscriptions, CancellationToken cancellationToken)
    {
        var added = AddedAttempts(db);
        var changes = subscriptions.Select(s => Change.Of(db, s, added)).Where(c => c.Answered.Count > 0 || c.Canceled).ToList();
        if (changes.Count == 0)
        {
            return;
        }
        var stores = await StoreReference.OfOrdersAsync(db, [.. changes.Select(c => c.Subscription.Id)], cancellationToken);
        foreach (var change in changes)
        {
            change.Stage(db, stores.GetValueOrDefault(change.Subscription.Id));
        }
    }

    /// <summary>Every renewal attempt added and not yet saved (looking for changes once).</summary>
    private static HashSet<RenewalAttempt> AddedAttempts(CheckoutDbContext db) =>
        db.ChangeTracker.Entries<RenewalAttempt>()
            .Where(a => a.State == Microsoft.EntityFrameworkCore.EntityState.Added)
            .Select(a => a.Entity)
            .ToHashSet<RenewalAttempt>(ReferenceEqualityComparer.Instance);

    private sealed record Change(Subscription Subscription, List<RenewalAttempt> Answered, bool Canceled)
    {
        public static Change Of(CheckoutDbContext db, Subscription subscription, HashSet<RenewalAttempt> added)
        {
            var statusBefore = db.Entry(subscription).Property(s => s.Status).OriginalValue;
            var answered = subscription.Attempts.Where(added.Contains).OrderBy(a => a.PeriodNumber).ThenBy(a => a.AttemptNumber).ToList();
            return new Change(subscription, answered, statusBefore != SubscriptionStatus.Canceled && subscription.Status == SubscriptionStatus.Canceled);
        }

        public void Stage(CheckoutDbContext db, StoreReference? store)
        {
            foreach (var attempt in Answered)
            {
                if (attempt.Result == RenewalResult.Approved)
                {
                    MerchantEvents.Add(db, MerchantEventTypes.SubscriptionRenewed, SubscriptionObject.Of(Subscription, store, RenewalAttemptObject.Of(attempt, null)));
                }
                else
                {
                    var nextRetry = Subscription.Status == SubscriptionStatus.PastDue ? Subscription.NextChargeAt : null;
                    MerchantEvents.Add(db, MerchantEventTypes.SubscriptionRenewalFailed, SubscriptionObject.Of(Subscription, store, RenewalAttemptObject.Of(attempt, nextRetry)));
                }
            }
            if (Canceled)
            {
                var reason = Answered.Count > 0 && Answered[^1].Result == RenewalResult.Declined ? RenewalsFailed : CanceledByShopper;
                MerchantEvents.Add(db, MerchantEventTypes.SubscriptionCanceled, SubscriptionObject.Of(Subscription, store, cancellationReason: reason));
            }
        }
    }
}
