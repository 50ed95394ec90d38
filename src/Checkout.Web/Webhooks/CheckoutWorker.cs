namespace Checkout.Web.Webhooks;

using Checkout.Web.Completion;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Processes stored webhook events and authorizations still owed, after acknowledging Klarna and after a
/// restart alike: whatever the database says is unfinished gets finished. Safe with several instances on
/// one database: each takes only the rows it claimed.
/// </summary>
public sealed partial class CheckoutWorker(
    IServiceScopeFactory scopes, WorkSignal signal, WorkLease lease, TimeProvider clock, ILogger<CheckoutWorker> log)
    : BackgroundService
{
    private const int BatchSize = 10;
    private const int AuthorizationBatchSize = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch of events means more are probably waiting: go again at once instead of after the poll.
                if (await RunOnceAsync(stoppingToken) < BatchSize)
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
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

    /// <summary>
    /// One pass: claims a batch of due webhook events (a lease in the database, see <see cref="WorkLease"/>)
    /// and processes only those; then tries each due authorization, which claims its own row. Returns how
    /// many events it claimed.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claim = lease.NewClaim();
        List<string> eventIds;
        List<Guid> orderIds;
        using (var scope = scopes.CreateScope())
        {
            eventIds = await scope.ServiceProvider.GetRequiredService<WebhookInbox>().ClaimDueAsync(claim, BatchSize, cancellationToken);
            var now = clock.GetUtcNow();
            orderIds = await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().PendingAuthorizations
                .Where(p => p.CompletedAt == null && p.NextAttemptAt <= now && (p.ClaimedUntil == null || p.ClaimedUntil < now))
                .OrderBy(p => p.NextAttemptAt)
                .Select(p => p.OrderId)
                .Take(AuthorizationBatchSize)
                .ToListAsync(cancellationToken);
        }
        try
        {
            foreach (var eventId in eventIds)
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<WebhookInbox>().ProcessAsync(eventId, claim, cancellationToken);
            }
        }
        finally
        {
            if (eventIds.Count > 0)
            {
                // Stopped or failed part-way: give back what is left of the batch instead of letting its lease run out.
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<WebhookInbox>().ReleaseAsync(claim, CancellationToken.None);
            }
        }
        foreach (var orderId in orderIds)
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<FirstChargeAuthorizer>().AuthorizeAsync(orderId, cancellationToken);
        }
        return eventIds.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The checkout worker failed; it will try again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
