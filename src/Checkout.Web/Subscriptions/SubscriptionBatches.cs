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

    /// <summary>
    /// Takes the claimable ones among <paramref name="ids"/> in one statement; returns them with their subscriptions, both
    /// tracked, to be changed and saved in the same transaction (see <see cref="NoteInFlight"/>, <see cref="GiveBack"/>).
    /// </summary>
    public async Task<List<(Subscription Subscription, SubscriptionRenewal Work)>> ClaimAllAsync(
        IReadOnlyCollection<Guid> ids, WorkClaim claim, CancellationToken cancellationToken)
    {
        if (await db.SubscriptionRenewals.Where(r => ids.Contains(r.SubscriptionId)).ClaimAsync(claim, cancellationToken) == 0)
        {
            return [];
        }
        // Tracked: their changes are saved with the batch's, still in the claim's transaction, which holds them.
        var work = await db.SubscriptionRenewals.Where(r => ids.Contains(r.SubscriptionId)).HeldBy(claim).ToListAsync(cancellationToken);
        var subscriptions = await FindAllTrackedAsync([.. work.Select(w => w.SubscriptionId)], cancellationToken);
        return [.. work.Where(w => subscriptions.ContainsKey(w.SubscriptionId)).Select(w => (subscriptions[w.SubscriptionId], w))];
    }

    /// <summary>The subscriptions (tracked, to be changed and saved with <see cref="SaveChangesAsync"/>) by id.</summary>
    public Task<Dictionary<Guid, Subscription>> FindAllTrackedAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Subscriptions.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

    /// <summary>Notes on a row claimed in this transaction that <paramref name="due"/> is sent, before it is (saved with the batch).</summary>
    public static void NoteInFlight(SubscriptionRenewal work, RenewalAttemptDue due, DateTimeOffset now)
    {
        work.InFlightKey = due.IdempotencyKey;
        work.InFlightPeriodNumber = due.Charge.Period.Number;
        work.InFlightAttemptNumber = due.AttemptNumber;
        work.InFlightSince = now;
    }

    /// <summary>Gives back a row claimed in this transaction: as it was, or with <paramref name="answered"/> no charge in flight.</summary>
    public void GiveBack(SubscriptionRenewal work, bool answered)
    {
        if (answered)
        {
            work.InFlightKey = null;
            work.InFlightPeriodNumber = null;
            work.InFlightAttemptNumber = null;
            work.InFlightSince = null;
            work.Attempts = 0;
            work.LastError = null;
            work.NextAttemptAt = clock.GetUtcNow();
        }
        work.ClaimedBy = null;
        work.ClaimedUntil = null;
    }

    /// <summary>Gives back the rows of <paramref name="ids"/> that <paramref name="claim"/> still holds with no charge in flight, their answers being saved, in one statement; returns how many.</summary>
    public Task<int> ReleaseAnsweredAsync(IReadOnlyCollection<Guid> ids, WorkClaim claim, CancellationToken cancellationToken) =>
        db.SubscriptionRenewals.Where(r => ids.Contains(r.SubscriptionId)).ReleaseAsync(claim, Answered(clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Saves the tracked <paramref name="changed"/> subscriptions' changes, and their rows', with the events the merchant
    /// hears of them, by statements built once and run for every row (<see cref="PreparedSave"/>); the batch's context
    /// tracks nothing after.
    /// </summary>
    public async Task SaveChangesAsync(IReadOnlyList<Subscription> changed, CancellationToken cancellationToken)
    {
        await SubscriptionEvents.ChangedAsync(db, changed, cancellationToken);
        await db.SaveBatchAsync(cancellationToken);
    }
}
