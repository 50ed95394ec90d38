namespace Checkout.Web.Events;

using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

/// <summary>
/// Delivers the outbox: claims due deliveries, POSTs each signed (several at once, so one slow endpoint holds up no
/// other) and records every attempt. Whatever the database holds as pending is sent, after a restart too; several
/// instances share the work through their claims.
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

    /// <summary>One pass: claims up to a batch of due deliveries and attempts each once. Returns how many it claimed.</summary>
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
                        await AttemptAsync(item, claim, token);
                    }
                });
        }
        finally
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EventDeliveryStore>().ReleaseAsync(claim, CancellationToken.None);
        }
        return due.Count;
    }

    /// <summary>Sends one claimed delivery once and records the attempt.</summary>
    public async Task<AttemptOutcome> AttemptAsync(DueDelivery item, WorkClaim claim, CancellationToken cancellationToken)
    {
        var delivery = item.Delivery;
        var outcome = endpoints.Value.Endpoints.TryGetValue(delivery.Endpoint, out var endpoint)
            ? await sender.SendAsync(endpoint, delivery.EventId, item.Payload, cancellationToken)
            : new AttemptOutcome(false, null, $"No endpoint '{delivery.Endpoint}' is configured under {MerchantWebhookSettings.Section} any more.", 0);
        using var scope = scopes.CreateScope();
        if (!await scope.ServiceProvider.GetRequiredService<EventDeliveryStore>().RecordAsync(delivery, claim, outcome, CancellationToken.None))
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
        return outcome;
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
