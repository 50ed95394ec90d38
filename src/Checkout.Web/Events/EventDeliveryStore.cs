namespace Checkout.Web.Events;

using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>A claimed delivery with the body it sends.</summary>
public sealed record DueDelivery(EventDelivery Delivery, string Payload);

/// <summary>One attempt made, with when it ended, waiting to be recorded.</summary>
public sealed record SentAttempt(EventDelivery Delivery, AttemptOutcome Outcome, DateTimeOffset At);

/// <summary>
/// The deliveries' one owner. Claims are the shared lease statements (<see cref="LeasedWork"/>), so two instances never
/// send the same attempt; an attempt's result is written only while its claim still holds the row.
/// </summary>
public sealed class EventDeliveryStore(CheckoutDbContext db, SqliteGroupCommit sqliteWrites, TimeProvider clock)
{
    /// <summary>The wait after a delivery's <paramref name="attempts"/>th failure: 30 seconds, doubling, at most 12 hours.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(12 * 3600, 30 * Math.Pow(2, Math.Min(attempts - 1, 20))));

    public async Task<List<DueDelivery>> ClaimDueAsync(WorkClaim claim, int max, CancellationToken cancellationToken)
    {
        var candidates = await Pending().Claimable(claim.Now)
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }
        await OutsideBatchesAsync(() => Pending().Where(d => candidates.Contains(d.Id)).ClaimAsync(claim, cancellationToken), cancellationToken);
        // Read back by id: the claim's owner alone is in no index, and a search by it read every pending delivery.
        return await Pending().AsNoTracking().Where(d => candidates.Contains(d.Id)).HeldBy(claim)
            .Join(db.OutboxEvents, d => d.EventId, e => e.Id, (d, e) => new DueDelivery(d, e.Payload))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records one pass's attempts, each with its delivery's new state (delivered; due again after <see cref="Backoff"/>;
    /// or failed, once the next try would come after its give-up time), in one transaction: one commit for the pass,
    /// not one an attempt. An attempt is written only while its claim still holds the delivery; the deliveries whose
    /// claim had lapsed are returned, unrecorded (their next claimer sends them again, with the same webhook-id).
    /// </summary>
    public Task<List<EventDelivery>> RecordAsync(IReadOnlyList<SentAttempt> attempts, WorkClaim claim, CancellationToken cancellationToken) =>
        OutsideBatchesAsync(
            async () =>
            {
                var lapsed = new List<EventDelivery>();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var (delivery, outcome, at) in attempts)
                {
                    if (await WriteResultAsync(delivery, claim, outcome, at, cancellationToken) != 1)
                    {
                        lapsed.Add(delivery);
                        continue;
                    }
                    db.EventDeliveryAttempts.Add(new EventDeliveryAttempt
                    {
                        DeliveryId = delivery.Id,
                        Number = delivery.Attempts + 1,
                        At = at,
                        StatusCode = outcome.StatusCode,
                        Error = outcome.Error,
                        DurationMilliseconds = outcome.DurationMilliseconds,
                    });
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return lapsed;
            },
            cancellationToken);

    /// <summary>Claims one delivery (due now) for <paramref name="claim"/>; null when it is not due or another claim holds it.</summary>
    public async Task<DueDelivery?> ClaimAsync(Guid deliveryId, WorkClaim claim, CancellationToken cancellationToken)
    {
        if (await OutsideBatchesAsync(() => Pending().Where(d => d.Id == deliveryId).ClaimAsync(claim, cancellationToken), cancellationToken) != 1)
        {
            return null;
        }
        return await Pending().AsNoTracking().HeldBy(claim).Where(d => d.Id == deliveryId)
            .Join(db.OutboxEvents, d => d.EventId, e => e.Id, (d, e) => new DueDelivery(d, e.Payload))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The deliveries <paramref name="id"/> names: one delivery by its id, or every delivery of an <c>evt_</c> event.</summary>
    public async Task<List<Guid>> FindAsync(string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var deliveryId)
            ? await db.EventDeliveries.Where(d => d.Id == deliveryId).Select(d => d.Id).ToListAsync(cancellationToken)
            : await db.EventDeliveries.Where(d => d.EventId == id).Select(d => d.Id).ToListAsync(cancellationToken);

    /// <summary>Gives back, as they were, those of a pass's <paramref name="deliveryIds"/> that <paramref name="claim"/> still holds (a pass stopped part-way).</summary>
    public Task<int> ReleaseAsync(WorkClaim claim, IReadOnlyCollection<Guid> deliveryIds, CancellationToken cancellationToken) =>
        OutsideBatchesAsync(
            () => db.EventDeliveries.Where(d => deliveryIds.Contains(d.Id)).HeldBy(claim).ReleaseAsync(claim, _ => { }, cancellationToken),
            cancellationToken);

    /// <summary>
    /// Sends a delivery again now, with the same <c>webhook-id</c>: a delivered or failed one gets one more attempt, a
    /// pending one its next attempt at once. False when there is no such delivery.
    /// </summary>
    public async Task<bool> ResendAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await OutsideBatchesAsync(
            () => db.EventDeliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(
                set => set
                    .SetProperty(d => d.GiveUpAt, d => d.Status == EventDeliveryStatus.Pending ? d.GiveUpAt : now)
                    .SetProperty(d => d.Status, EventDeliveryStatus.Pending)
                    .SetProperty(d => d.NextAttemptAt, now),
                cancellationToken),
            cancellationToken) == 1;
    }

    private Task<int> WriteResultAsync(EventDelivery delivery, WorkClaim claim, AttemptOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempts = delivery.Attempts + 1;
        var nextAttemptAt = now + Backoff(attempts);
        var status = outcome.Delivered ? EventDeliveryStatus.Delivered
            : nextAttemptAt > delivery.GiveUpAt ? EventDeliveryStatus.Failed
            : EventDeliveryStatus.Pending;
        return db.EventDeliveries.Where(d => d.Id == delivery.Id).ReleaseAsync(
            claim,
            set => set
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.NextAttemptAt, status == EventDeliveryStatus.Pending ? nextAttemptAt : delivery.NextAttemptAt)
                .SetProperty(d => d.DeliveredAt, outcome.Delivered ? now : delivery.DeliveredAt)
                .SetProperty(d => d.LastStatusCode, outcome.StatusCode)
                .SetProperty(d => d.LastError, outcome.Error),
            cancellationToken);
    }

    private IQueryable<EventDelivery> Pending() => db.EventDeliveries.Where(d => d.Status == EventDeliveryStatus.Pending);

    private Task<T> OutsideBatchesAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken) =>
        DatabaseProviders.Of(db) == DatabaseProvider.Sqlite ? sqliteWrites.AloneAsync(write, cancellationToken) : write();
}
