namespace Checkout.Web.Subscriptions;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

/// <summary>
/// Subscriptions in the database with their scheduler rows (<see cref="SubscriptionRenewal"/>). A subscription is
/// changed only by the instance holding its row's claim (<see cref="LeasedWork"/>), and its changes are saved in
/// the transaction that gives the claim back, so a claimer whose lease lapsed can no longer write. The events the
/// merchant hears of each change (<see cref="SubscriptionEvents"/>) are saved in the same transaction.
/// </summary>
public sealed partial class SubscriptionStore(CheckoutDbContext db, SqliteGroupCommit sqliteWrites, TimeProvider clock)
{
    private const int MaxTextLength = 500;

    /// <summary>Stores a new subscription and its scheduler row unless one with its id exists; true when this call stored it.</summary>
    public async Task<bool> TryAddAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        if (await db.Subscriptions.AnyAsync(s => s.Id == subscription.Id, cancellationToken))
        {
            return false;
        }
        var renewal = new SubscriptionRenewal { SubscriptionId = subscription.Id, NextAttemptAt = subscription.CreatedAt };
        db.Subscriptions.Add(subscription);
        db.SubscriptionRenewals.Add(renewal);
        await SubscriptionEvents.CreatedAsync(db, subscription, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            MerchantEvents.Discard(db);
            db.Entry(renewal).State = EntityState.Detached;
            db.Entry(subscription).State = EntityState.Detached;
            return false;
        }
    }

    public Task<Subscription?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>
    /// Subscriptions nobody holds whose charge in flight awaits its answer, whose charge has come (the longest due
    /// first), or whose cancellation at period end has come. Each kind is its own lookup along its index, which stops
    /// at <paramref name="max"/>: a pass costs what its batch costs, not a scan and sort of every subscription (the
    /// renewal benchmark's 100,000 due at once: 9 instead of 147 ms of SQLite per pass).
    /// </summary>
    public async Task<List<Guid>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var claimable = db.SubscriptionRenewals.Claimable(now);
        var inFlight = await claimable
            .Where(r => r.InFlightKey != null)
            .OrderBy(r => r.NextAttemptAt)
            .Select(r => r.SubscriptionId)
            .Take(max)
            .ToListAsync(cancellationToken);
        var charges = await db.Subscriptions
            .Where(s => s.NextChargeAt <= now
                && (s.Status == SubscriptionStatus.Trialing || s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.PastDue))
            .Join(claimable, s => s.Id, r => r.SubscriptionId, (s, r) => s)
            .OrderBy(s => s.NextChargeAt)
            .Select(s => s.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        var cancellations = await db.Subscriptions
            .Where(s => s.CancelAtPeriodEnd && s.CurrentPeriodEnd <= now && s.Status != SubscriptionStatus.Canceled)
            .Join(claimable, s => s.Id, r => r.SubscriptionId, (s, r) => s)
            .OrderBy(s => s.CurrentPeriodEnd)
            .Select(s => s.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        return inFlight.Concat(charges).Concat(cancellations).Distinct().Take(max).ToList();
    }

    public async Task<bool> TryClaimAsync(Guid id, WorkClaim claim, CancellationToken cancellationToken) =>
        await Work(id).ClaimAsync(claim, cancellationToken) == 1;

    /// <summary>The subscription (tracked, to be changed and saved with <see cref="SaveAsync"/>) and its row, while <paramref name="claim"/> holds it.</summary>
    public async Task<(Subscription Subscription, SubscriptionRenewal Work)?> FindClaimedAsync(
        Guid id, WorkClaim claim, CancellationToken cancellationToken)
    {
        var work = await Work(id).AsNoTracking().HeldBy(claim).FirstOrDefaultAsync(cancellationToken);
        var subscription = work is null ? null : await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return subscription is null ? null : (subscription, work!);
    }

    /// <summary>A try without an answer: the charge in flight stays marked, and the row waits out its backoff. Returns the tries so far.</summary>
    public async Task<int> RetryLaterAsync(SubscriptionRenewal work, WorkClaim claim, string error, CancellationToken cancellationToken)
    {
        var attempts = work.Attempts + 1;
        var text = Truncate(error);
        await Work(work.SubscriptionId).RetryLaterAsync(
            claim, attempts, clock.GetUtcNow(), set => set.SetProperty(r => r.LastError, text), cancellationToken);
        return attempts;
    }

    /// <summary>
    /// Saves the subscription's changes and gives its row back with no charge in flight, in one transaction that
    /// first checks the claim still holds the row; throws when it does not, and nothing is saved.
    /// </summary>
    public Task SaveAsync(Subscription subscription, WorkClaim claim, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async () =>
            {
                if (await Work(subscription.Id).ReleaseAsync(claim, Answered(clock.GetUtcNow()), cancellationToken) != 1)
                {
                    throw new InvalidOperationException($"The claim on subscription {subscription.Id:N} lapsed before its answer was saved.");
                }
                await SubscriptionEvents.ChangedAsync(db, subscription, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Holds the row for a change outside the schedule (whatever its backoff), unless another claim holds it now: a
    /// change made under this hold cannot land between a charge being marked in flight and its answer being saved.
    /// </summary>
    public async Task<bool> TryHoldAsync(Guid id, WorkClaim claim, CancellationToken cancellationToken) =>
        await Work(id).Where(r => r.ClaimedUntil == null || r.ClaimedUntil < claim.Now).ExecuteUpdateAsync(
            set => set.SetProperty(r => r.ClaimedBy, claim.Owner).SetProperty(r => r.ClaimedUntil, claim.Until),
            cancellationToken) == 1;

    /// <summary>
    /// Saves the subscription's changes and gives its row back as it was (a charge in flight still marked, to be asked
    /// again under its key), in one transaction that first checks the claim still holds the row; throws when it does not.
    /// </summary>
    public async Task SaveKeepingWorkAsync(Subscription subscription, WorkClaim claim, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await Work(subscription.Id).ReleaseAsync(claim, _ => { }, cancellationToken) != 1)
        {
            throw new InvalidOperationException($"The claim on subscription {subscription.Id:N} lapsed before its change was saved.");
        }
        await SubscriptionEvents.ChangedAsync(db, subscription, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Gives the row back as it was, the charge in flight (if any) still marked.</summary>
    public Task ReleaseAsync(Guid id, WorkClaim claim, CancellationToken cancellationToken) =>
        Work(id).ReleaseAsync(claim, _ => { }, cancellationToken);

    public static string? Truncate(string? text) => text is { Length: > MaxTextLength } ? text[..MaxTextLength] : text;

    /// <summary>A row whose answer is saved: no charge in flight, no tries without an answer, due again by its subscription.</summary>
    private static Action<UpdateSettersBuilder<SubscriptionRenewal>> Answered(DateTimeOffset now) => set => set
        .SetProperty(r => r.InFlightKey, (string?)null)
        .SetProperty(r => r.InFlightPeriodNumber, (int?)null)
        .SetProperty(r => r.InFlightAttemptNumber, (int?)null)
        .SetProperty(r => r.InFlightSince, (DateTimeOffset?)null)
        .SetProperty(r => r.Attempts, 0)
        .SetProperty(r => r.LastError, (string?)null)
        .SetProperty(r => r.NextAttemptAt, now);

    private IQueryable<SubscriptionRenewal> Work(Guid id) => db.SubscriptionRenewals.Where(r => r.SubscriptionId == id);
}
