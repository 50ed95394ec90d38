namespace Checkout.Web.Completion;

using Checkout.Domain.Orders;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Infrastructure;
using Checkout.Web.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// Finds orders whose webhook never came: reads their payment request from Klarna (or the acquirer) and
/// applies it, cancels journeys abandoned longer than <c>Reconciler:AbandonAfter</c>, and expires pages
/// that never reached Klarna. Claims in the database keep several instances from doing it twice.
/// </summary>
public sealed partial class Reconciler(IServiceScopeFactory scopes, IOptions<ReconcilerSettings> settings, TimeProvider clock, ILogger<Reconciler> log)
    : BackgroundService
{
    private TimeSpan Interval => settings.Value.Interval;

    private TimeSpan MinimumAge => settings.Value.MinimumAge;

    private TimeSpan AbandonAfter => settings.Value.AbandonAfter;

    private TimeSpan OpenPageLifetime => settings.Value.OpenPageLifetime;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPasses.RunAsync(Interval, RunOnceAsync, e => LogFailed(log, e), stoppingToken);

    /// <summary>One pass; returns how many orders it looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Order> waiting;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            var quietSince = now - MinimumAge;
            waiting = await db.Orders.AsNoTracking()
                .Where(o => o.Status == OrderStatus.AwaitingShopper && o.UpdatedAt <= quietSince)
                .OrderBy(o => o.UpdatedAt)
                .Take(100)
                .ToListAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<OrderStore>()
                .ExpireOpenSinceAsync(now - OpenPageLifetime, ShopperReasons.PageExpired, cancellationToken);
        }

        foreach (var order in waiting)
        {
            using var scope = scopes.CreateScope();
            try
            {
                if (now - order.CreatedAt >= AbandonAfter)
                {
                    await scope.ServiceProvider.GetRequiredService<JourneyCancellation>().CancelAsync(order, cancellationToken);
                    LogAbandoned(log, order.Id);
                }
                else
                {
                    await scope.ServiceProvider.GetRequiredService<OutcomeRefresh>().RefreshAsync(order, cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOrderFailed(log, e, order.Id);
            }
        }
        return waiting.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation pass failed; it will run again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling order {OrderId} failed; it will be tried again")]
    private static partial void LogOrderFailed(ILogger logger, Exception exception, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled abandoned order {OrderId}")]
    private static partial void LogAbandoned(ILogger logger, Guid orderId);
}
