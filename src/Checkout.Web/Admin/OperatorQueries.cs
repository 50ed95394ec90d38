namespace Checkout.Web.Admin;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>A subscription as a line in the operator's list: no token, no shopper data.</summary>
public sealed record SubscriptionRow(
    Guid Id, string PlanId, SubscriptionStatus Status, int CurrentPeriodNumber, DateTimeOffset? NextChargeAt, long PriceMinorUnits,
    string Currency, bool CancelAtPeriodEnd);

/// <summary>A webhook event's processing state, without its body.</summary>
public sealed record WebhookEventRow(
    string EventId, string EventType, DateTimeOffset ReceivedAt, int Attempts, DateTimeOffset? ProcessedAt, DateTimeOffset NextAttemptAt,
    string? LastError);

/// <summary>What the operator's view reads. Never the customer token, the shopper's page link or a webhook's body.</summary>
public sealed class OperatorQueries(CheckoutDbContext db)
{
    public async Task<Dictionary<SubscriptionStatus, int>> CountsByStatusAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Subscriptions.AsNoTracking()
            .GroupBy(s => s.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return Enum.GetValues<SubscriptionStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0);
    }

    /// <summary>The latest <paramref name="max"/> subscriptions, of one status or all.</summary>
    public Task<List<SubscriptionRow>> SubscriptionsAsync(SubscriptionStatus? status, int max, CancellationToken cancellationToken) =>
        db.Subscriptions.AsNoTracking()
            .Where(s => status == null || s.Status == status)
            .OrderByDescending(s => s.CreatedAt)
            .Take(max)
            .Select(s => new SubscriptionRow(
                s.Id, s.PlanId, s.Status, s.CurrentPeriodNumber, s.NextChargeAt, s.PriceMinorUnits, s.Currency, s.CancelAtPeriodEnd))
            .ToListAsync(cancellationToken);

    /// <summary>One subscription with every attempt, and the scheduler's row (its charge in flight and last error).</summary>
    public async Task<(Subscription Subscription, SubscriptionRenewal? Work)?> SubscriptionAsync(Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return null;
        }
        var work = await db.SubscriptionRenewals.AsNoTracking().FirstOrDefaultAsync(r => r.SubscriptionId == id, cancellationToken);
        return (subscription, work);
    }

    public Task<List<WebhookEventRow>> LatestWebhookEventsAsync(int max, CancellationToken cancellationToken) =>
        db.WebhookEvents.AsNoTracking()
            .OrderByDescending(e => e.ReceivedAt)
            .Take(max)
            .Select(e => new WebhookEventRow(e.EventId, e.EventType, e.ReceivedAt, e.Attempts, e.ProcessedAt, e.NextAttemptAt, e.LastError))
            .ToListAsync(cancellationToken);
}
