namespace Checkout.Web.Events;

using System.Collections.Concurrent;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

/// <summary>
/// Delivers the outbox: claims due deliveries, POSTs each signed (several at once, so one slow endpoint holds up no
/// other) and records every attempt, a pass's attempts in one commit. Whatever the database holds as pending is sent,
/// after a restart too (an attempt made just before a stop, but not yet recorded, is sent again with the same
/// webhook-id); several instances share the work through their claims.
/// </summary>
public sealed partial class EventDeliveryWorker(
    IServiceScopeFactory scopes,
    SignedEventSender sender,
    WorkLease lease,
    IOptions<MerchantWebhookSettings> endpoints,
    IOptions<EventDeliverySettings> settings,
    TimeProvider clock,
    ILogger<EventDeliveryWorker> log)
    : BackgroundService
{
    private const int BatchSize = 32;
    private const int AtOnce = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) < BatchSize)
                {
                    await Task.Delay(settings.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPassFailed(log, e);
                await Task.Delay(settings.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>
    /// One pass: claims up to a batch of due deliveries, attempts each once, then records the pass's attempts in one
    /// transaction (also when stopping part-way). Returns how many it claimed.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claim = lease.NewClaim();
        List<DueDelivery> due;
        using (var scope = scopes.CreateScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<EventDeliveryStore>().ClaimDueAsync(claim, BatchSize, cancellationToken);
        }
        if (due.Count == 0)
        {
            return 0;
        }
        var sent = new ConcurrentQueue<SentAttempt>();
        try
        {
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = cancellationToken },
                async (item, token) =>
                {
                    // Slow endpoints: leave the rest to the next pass well before the claim could lapse.
                    if (clock.GetUtcNow() < claim.Now + ((claim.Until - claim.Now) / 2))
                    {
                        sent.Enqueue(await SendAsync(item, token));
                    }
                });
        }
        finally
        {
            using var scope = scopes.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<EventDeliveryStore>();
            await RecordAsync(store, [.. sent], claim);
            await store.ReleaseAsync(claim, [.. due.Select(d => d.Delivery.Id)], CancellationToken.None);
        }
        return due.Count;
    }

    /// <summary>Sends one claimed delivery once and records the attempt.</summary>
    public async Task<AttemptOutcome> AttemptAsync(DueDelivery item, WorkClaim claim, CancellationToken cancellationToken)
    {
        var attempt = await SendAsync(item, cancellationToken);
        using var scope = scopes.CreateScope();
        await RecordAsync(scope.ServiceProvider.GetRequiredService<EventDeliveryStore>(), [attempt], claim);
        return attempt.Outcome;
    }

    private async Task<SentAttempt> SendAsync(DueDelivery item, CancellationToken cancellationToken)
    {
        var delivery = item.Delivery;
        var outcome = endpoints.Value.Endpoints.TryGetValue(delivery.Endpoint, out var endpoint)
            ? await sender.SendAsync(endpoint, delivery.EventId, item.Payload, cancellationToken)
            : new AttemptOutcome(false, null, $"No endpoint '{delivery.Endpoint}' is configured under {MerchantWebhookSettings.Section} any more.", 0);
        return new SentAttempt(delivery, outcome, clock.GetUtcNow());
    }

    private async Task RecordAsync(EventDeliveryStore store, IReadOnlyList<SentAttempt> attempts, WorkClaim claim)
    {
        if (attempts.Count == 0)
        {
            return;
        }
        var lapsed = (await store.RecordAsync(attempts, claim, CancellationToken.None)).Select(d => d.Id).ToHashSet();
        foreach (var (delivery, outcome, _) in attempts)
        {
            if (lapsed.Contains(delivery.Id))
            {
                LogClaimLapsed(log, delivery.EventId, delivery.Endpoint);
            }
            else if (outcome.Delivered)
            {
                LogDelivered(log, delivery.EventId, delivery.Endpoint, delivery.Attempts + 1, outcome.StatusCode);
            }
            else
            {
                LogAttemptFailed(log, delivery.EventId, delivery.Endpoint, delivery.Attempts + 1, outcome.Error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {MerchantEventId} delivered to {Endpoint} at attempt {Attempt} ({StatusCode})")]
    private static partial void LogDelivered(ILogger logger, string merchantEventId, string endpoint, int attempt, int? statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {MerchantEventId} to {Endpoint}, attempt {Attempt}, failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string merchantEventId, string endpoint, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {MerchantEventId} to {Endpoint}: the claim lapsed before the attempt was recorded; it will be sent again")]
    private static partial void LogClaimLapsed(ILogger logger, string merchantEventId, string endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "The event delivery worker failed; it will try again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
