namespace Checkout.Web.Webhooks;

using Checkout.Web.Authorization;
using Checkout.Web.Completion;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Processes stored webhook events, the late outcomes status pages asked about, and authorizations still owed,
/// after acknowledging Klarna and after a restart alike: whatever the database says is unfinished gets
/// finished. The only caller of the acquirer's authorization. Safe with several instances on one database:
/// each takes only the rows it claimed.
/// </summary>
public sealed partial class CheckoutWorker(
    IServiceScopeFactory scopes,
    WorkSignal signal,
    WorkLease lease,
    OutcomeRefreshRequests refreshes,
    TimeProvider clock,
    ILogger<CheckoutWorker> log)
    : BackgroundService
{
    private const int BatchSize = 64;
    private const int AuthorizationBatchSize = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GatherPause = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch of events means more are probably waiting: go again at once instead of after the poll.
                var claimed = await RunOnceAsync(stoppingToken);
                if (claimed < BatchSize)
                {
                    if (claimed > 0)
                    {
                        // While events keep coming, let the next batch gather: a pass costs the same few statements
                        // for three events as for sixty-four.
                        await Task.Delay(GatherPause, stoppingToken);
                    }
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
    /// and processes only those; then reads the outcomes status pages asked for; then tries each due
    /// authorization, which claims its own row. Returns how many events it claimed.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claim = lease.NewClaim();
        List<WebhookEventRecord> events;
        using (var scope = scopes.CreateScope())
        {
            events = await scope.ServiceProvider.GetRequiredService<WebhookInbox>().ClaimDueAsync(claim, BatchSize, cancellationToken);
        }
        var processed = new List<string>(events.Count);
        // One scope, and one open connection, for the events of a pass while they succeed: a scope and a
        // connection opened per event cost more than most events' own work.
        IServiceScope? eventScope = null;
        try
        {
            var claimed = new List<ClaimedEvent>();
            if (events.Count > 0)
            {
                eventScope = await OpenScopeAsync(cancellationToken);
                claimed = await eventScope.ServiceProvider.GetRequiredService<WebhookProcessor>().ReadAsync(events, cancellationToken);
            }
            foreach (var next in claimed)
            {
                if (clock.GetUtcNow() >= claim.Now + ((claim.Until - claim.Now) / 2))
                {
                    // Slow completions (each may call the acquirer): give the rest back well before the lease could lapse.
                    break;
                }
                eventScope ??= await OpenScopeAsync(cancellationToken);
                if (await eventScope.ServiceProvider.GetRequiredService<WebhookProcessor>().ProcessAsync(next, claim, cancellationToken))
                {
                    processed.Add(next.Record.EventId);
                    eventScope.ServiceProvider.GetRequiredService<CheckoutDbContext>().ChangeTracker.Clear();
                }
                else
                {
                    // A failed event may have left its unit of work half-way: the next one starts afresh.
                    eventScope.Dispose();
                    eventScope = null;
                }
            }
        }
        finally
        {
            eventScope?.Dispose();
            if (events.Count > 0)
            {
                // Marks what was done and, when stopped or failed part-way, gives back the rest at once instead of
                // letting its lease run out.
                using var finishing = scopes.CreateScope();
                await finishing.ServiceProvider.GetRequiredService<WebhookInbox>().FinishAsync(claim, processed, CancellationToken.None);
            }
        }
        foreach (var orderId in refreshes.TakeAll())
        {
            using var scope = scopes.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<OutcomeRefresh>().RefreshAsync(orderId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The page keeps asking while it waits, and the reconciler reads the order too.
                LogRefreshFailed(log, e, orderId);
            }
        }
        List<Guid> orderIds;
        using (var scope = scopes.CreateScope())
        {
            orderIds = await scope.ServiceProvider.GetRequiredService<PendingAuthorizationStore>().DueAsync(AuthorizationBatchSize, cancellationToken);
        }
        foreach (var orderId in orderIds)
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<FirstChargeAuthorizer>().AuthorizeAsync(orderId, cancellationToken);
        }
        return events.Count;
    }

    private async Task<IServiceScope> OpenScopeAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Database.OpenConnectionAsync(cancellationToken);
            return scope;
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the late outcome of order {OrderId} failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, Guid orderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The checkout worker failed; it will try again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
