namespace Checkout.Web.Subscriptions;

using Checkout.Web.Completion;
using Checkout.Web.Infrastructure;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.MerchantAuthentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>
/// Forgets the portal links that expired a day ago, with their idempotency keys, so the table holds about a day of the
/// store's requests rather than all of them. A retry under a forgotten key gets a new link.
/// </summary>
public sealed partial class PortalLinkSweeper(
    IServiceScopeFactory scopes,
    IOptions<ReconcilerSettings> reconciler,
    MerchantApiKeys merchantApi,
    TimeProvider clock,
    ILogger<PortalLinkSweeper> log) : BackgroundService
{
    /// <summary>How long a link's row outlives the link: a store retrying that day gets the same (expired) answer.</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        merchantApi.Enabled ? PeriodicPasses.RunAsync(reconciler.Value.Interval, RunOnceAsync, e => LogFailed(log, e), stoppingToken) : Task.CompletedTask;

    /// <summary>One pass at the app's now; returns how many links it forgot.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - KeptAfterExpiry;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().PortalLinks
            .Where(p => p.ExpiresAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The expired portal links' pass failed; it will run again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
