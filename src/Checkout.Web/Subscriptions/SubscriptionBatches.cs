namespace Checkout.Web.Subscriptions;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The store's statements for a batch of renewals: a batch is claimed, marked and answered in a few transactions
/// (one commit each) rather than three per renewal.
/// </summary>
public sealed partial class SubscriptionStore
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction. On SQLite it takes its turn with the group commit for the one
    /// write lock, instead of sleeping in SQLite's busy handler while a batch commits.
    /// </summary>
    public Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        async Task<T> RunAsync()
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        }

        return DatabaseProviders.Of(db) == DatabaseProvider.Sqlite ? sqliteWrites.AloneAsync(RunAsync, cancellationToken) : RunAsync();
    }

    /// <summary>Takes the claimable ones among <paramref name="ids"/> in one statement; returns them with their subscriptions (tracked).</summary>
    public async Task<List<(Subscription Subscription, SubscriptionRenewal Work)>> ClaimAllAsync(
        IReadOnlyCollection<Guid> ids, WorkClaim claim, CancellationToken cancellationToken)
    {
        if (await db.SubscriptionRenewals.Where(r => ids.Contains(r.SubscriptionId)).ClaimAsync(claim, cancellationToken) == 0)
        {
            return [];
        }
        var work = await db.SubscriptionRenewals.AsNoTracking().Where(r => ids.Contains(r.SubscriptionId)).HeldBy(claim).ToListAsync(cancellationToken);
        var subscriptions = await FindAllTrackedAsync([.. work.Select(w => w.SubscriptionId)], cancellationToken);
        return [.. work.Where(w => subscriptions.ContainsKey(w.SubscriptionId)).Select(w => (subscriptions[w.SubscriptionId], w))];
    }

    /// <summary>The subscriptions (tracked, to be changed and saved with <see cref="SaveChangesAsync"/>) by id.</summary>
    public Task<Dictionary<Guid, Subscription>> FindAllTrackedAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Subscriptions.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

    /// <summary>Gives the row back with no charge in flight (its answer is being saved), if <paramref name="claim"/> still holds it.</summary>
    public async Task<bool> ReleaseAnsweredAsync(Guid id, WorkClaim claim, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await Work(id).ReleaseAsync(
            claim,
            set => set
                .SetProperty(r => r.InFlightKey, (string?)null)
                .SetProperty(r => r.InFlightPeriodNumber, (int?)null)
                .SetProperty(r => r.InFlightAttemptNumber, (int?)null)
                .SetProperty(r => r.InFlightSince, (DateTimeOffset?)null)
                .SetProperty(r => r.Attempts, 0)
                .SetProperty(r => r.LastError, (string?)null)
                .SetProperty(r => r.NextAttemptAt, now),
            cancellationToken) == 1;
    }

    /// <summary>Stages the events of the tracked <paramref name="subscription"/>'s changes, to be saved with them.</summary>
    public Task StageChangesAsync(Subscription subscription, CancellationToken cancellationToken) =>
        SubscriptionEvents.ChangedAsync(db, subscription, cancellationToken);

    public Task<int> SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
