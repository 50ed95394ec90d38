namespace Checkout.Web.Webhooks;

using Checkout.Web.Completion;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Processes stored webhook events and authorizations still owed, after acknowledging Klarna and after a
/// restart alike: whatever the database says is unfinished gets finished.
/// </summary>
public sealed partial class CheckoutWorker(IServiceScopeFactory scopes, WorkSignal signal, TimeProvider clock, ILogger<CheckoutWorker> log)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogWorkerFailed(log, e);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        List<string> eventIds;
        List<Guid> orderIds;
        using (var scope = scopes.CreateScope())
        {
            eventIds = await scope.ServiceProvider.GetRequiredService<WebhookInbox>().DueEventIdsAsync(50, cancellationToken);
            var now = clock.GetUtcNow();
            orderIds = await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().PendingAuthorizations
                .Where(p => p.CompletedAt == null && p.NextAttemptAt <= now)
                .OrderBy(p => p.NextAttemptAt)
                .Select(p => p.OrderId)
                .Take(50)
                .ToListAsync(cancellationToken);
        }
        foreach (var eventId in eventIds)
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<WebhookInbox>().ProcessAsync(eventId, cancellationToken);
        }
        foreach (var orderId in orderIds)
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<FirstChargeAuthorizer>().AuthorizeAsync(orderId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The checkout worker failed; it will try again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
