namespace Checkout.Web.Subscriptions;

using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Orders;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// A completed sign-up of a subscription plan starts its subscription, once: its id is the order's, so a second
/// start (the other flow's path, the scheduler's catch-up, another instance) finds it there. A sign-up whose
/// first charge was declined never completed, and starts nothing.
/// </summary>
public sealed partial class SubscriptionSignUps(
    CheckoutDbContext db, SubscriptionStore subscriptions, PlanCatalog catalog, ILogger<SubscriptionSignUps> log)
    : IOrderCompletedListener
{
    public async Task OrderCompletedAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken) is { } order)
        {
            await StartAsync(order, cancellationToken);
        }
    }

    /// <summary>
    /// Starts the subscriptions of sign-ups completed since <paramref name="completedSince"/> that have none yet:
    /// those whose start was lost between the order's completion and the insert (a crash, a failed write).
    /// </summary>
    public async Task<int> StartMissedAsync(DateTimeOffset completedSince, int max, CancellationToken cancellationToken)
    {
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Completed && o.PlanKind == PlanKind.Subscription && o.UpdatedAt >= completedSince)
            .Where(o => db.CustomerTokens.Any(t => t.OrderId == o.Id) && !db.Subscriptions.Any(s => s.Id == o.Id))
            .OrderBy(o => o.UpdatedAt)
            .Take(max)
            .ToListAsync(cancellationToken);
        var started = 0;
        foreach (var order in orders)
        {
            started += await StartAsync(order, cancellationToken) ? 1 : 0;
        }
        return started;
    }

    private async Task<bool> StartAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.Status != OrderStatus.Completed || order.PlanKind != PlanKind.Subscription)
        {
            return false;
        }
        if (catalog.Find(order.PlanId) is not { } plan)
        {
            LogNotStarted(log, order.Id, $"plan '{order.PlanId}' left the catalog");
            return false;
        }
        if (!await db.CustomerTokens.AnyAsync(t => t.OrderId == order.Id, cancellationToken))
        {
            LogNotStarted(log, order.Id, "no customer token was stored for it");
            return false;
        }
        Subscription subscription;
        try
        {
            // The order's last update is its completion: the same start time whoever starts it.
            subscription = Subscription.Start(SignUp.Of(order, order.UpdatedAt), plan);
        }
        catch (ArgumentException e)
        {
            LogNotStarted(log, order.Id, e.Message);
            return false;
        }
        if (!await subscriptions.TryAddAsync(subscription, cancellationToken))
        {
            return false;
        }
        LogStarted(log, subscription.Id, subscription.PlanId, subscription.Status, subscription.NextChargeAt);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} to {PlanId} started {Status}; first renewal at {NextChargeAt:O}")]
    private static partial void LogStarted(ILogger logger, Guid subscriptionId, string planId, SubscriptionStatus status, DateTimeOffset? nextChargeAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Completed sign-up {OrderId} starts no subscription: {Reason}")]
    private static partial void LogNotStarted(ILogger logger, Guid orderId, string reason);
}
