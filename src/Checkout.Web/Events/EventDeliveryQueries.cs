namespace Checkout.Web.Events;

using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>A delivery as the operator sees it, with its attempts; never the event's body.</summary>
public sealed record DeliveryRow(
    Guid Id, string EventId, string EventType, DateTimeOffset EventAt, string Endpoint, EventDeliveryStatus Status, int Attempts,
    DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError, List<EventDeliveryAttempt> Tries);

/// <summary>What the operator's events page reads.</summary>
public sealed class EventDeliveryQueries(CheckoutDbContext db)
{
    /// <summary>The latest <paramref name="max"/> deliveries, of one status or all, newest first.</summary>
    public async Task<List<DeliveryRow>> LatestAsync(EventDeliveryStatus? status, int max, CancellationToken cancellationToken)
    {
        var rows = await db.EventDeliveries.AsNoTracking()
            .Where(d => status == null || d.Status == status)
            .OrderByDescending(d => d.CreatedAt)
            .Take(max)
            .Join(db.OutboxEvents, d => d.EventId, e => e.Id, (d, e) => new { Delivery = d, e.Type, e.CreatedAt })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Delivery.Id).ToList();
        var attempts = (await db.EventDeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return [.. rows.OrderByDescending(r => r.Delivery.CreatedAt).Select(r => new DeliveryRow(
            r.Delivery.Id, r.Delivery.EventId, r.Type, r.CreatedAt, r.Delivery.Endpoint, r.Delivery.Status, r.Delivery.Attempts,
            r.Delivery.NextAttemptAt, r.Delivery.DeliveredAt, r.Delivery.LastStatusCode, r.Delivery.LastError,
            [.. attempts[r.Delivery.Id].OrderBy(a => a.Number)]))];
    }
}
