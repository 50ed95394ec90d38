namespace Checkout.Web.Subscriptions;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Subscriptions in the database with their scheduler rows (<see cref="SubscriptionRenewal"/>). A subscription is
/// changed only by the instance holding its row's claim (<see cref="LeasedWork"/>), and its changes are saved in
/// the transaction that gives the claim back, so a claimer whose lease lapsed can no longer write.
/// </summary>
public sealed class SubscriptionStore(CheckoutDbContext db, TimeProvider clock)
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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.Entry(renewal).State = EntityState.Detached;
            db.Entry(subscription).State = EntityState.Detached;
            return false;
        }
    }

    public Task<Subscription?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>
    /// Subscriptions nobody holds whose charge has come (or whose charge in flight awaits its answer), or whose
    /// cancellation at period end has come; the longest waiting first.
    /// </summary>
    public Task<List<Guid>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        db.Subscriptions
            .Join(db.SubscriptionRenewals.Claimable(now), s => s.Id, r => r.SubscriptionId, (s, r) => new { s, r })
            .Where(x => x.r.InFlightKey != null
                || (x.s.NextChargeAt <= now
                    && (x.s.Status == SubscriptionStatus.Trialing || x.s.Status == SubscriptionStatus.Active || x.s.Status == SubscriptionStatus.PastDue))
                || (x.s.CancelAtPeriodEnd && x.s.CurrentPeriodEnd <= now && x.s.Status != SubscriptionStatus.Canceled))
            .OrderBy(x => x.r.NextAttemptAt)
            .Select(x => x.s.Id)
            .Take(max)
            .ToListAsync(cancellationToken);

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

    /// <summary>Notes the attempt as sent before it is sent, so an answer lost to a crash or a timeout is asked for again under the same key.</summary>
    public async Task<bool> MarkInFlightAsync(Guid id, WorkClaim claim, RenewalAttemptDue due, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Work(id).HeldBy(claim).ExecuteUpdateAsync(
            set => set
                .SetProperty(r => r.InFlightKey, due.IdempotencyKey)
                .SetProperty(r => r.InFlightPeriodNumber, due.Charge.Period.Number)
                .SetProperty(r => r.InFlightAttemptNumber, due.AttemptNumber)
                .SetProperty(r => r.InFlightSince, now),
            cancellationToken) == 1;

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
    public async Task SaveAsync(Subscription subscription, WorkClaim claim, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var released = await Work(subscription.Id).ReleaseAsync(
            claim,
            set => set
                .SetProperty(r => r.InFlightKey, (string?)null)
                .SetProperty(r => r.InFlightPeriodNumber, (int?)null)
                .SetProperty(r => r.InFlightAttemptNumber, (int?)null)
                .SetProperty(r => r.InFlightSince, (DateTimeOffset?)null)
                .SetProperty(r => r.Attempts, 0)
                .SetProperty(r => r.LastError, (string?)null)
                .SetProperty(r => r.NextAttemptAt, now),
            cancellationToken);
        if (released != 1)
        {
            throw new InvalidOperationException($"The claim on subscription {subscription.Id:N} lapsed before its answer was saved.");
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

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
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Gives the row back as it was, the charge in flight (if any) still marked.</summary>
    public Task ReleaseAsync(Guid id, WorkClaim claim, CancellationToken cancellationToken) =>
        Work(id).ReleaseAsync(claim, _ => { }, cancellationToken);

    public static string? Truncate(string? text) => text is { Length: > MaxTextLength } ? text[..MaxTextLength] : text;

    private IQueryable<SubscriptionRenewal> Work(Guid id) => db.SubscriptionRenewals.Where(r => r.SubscriptionId == id);
}
