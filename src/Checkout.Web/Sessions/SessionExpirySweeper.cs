namespace Checkout.Web.Sessions;

using Checkout.Domain.Sessions;
using Checkout.Web.Completion;
using Checkout.Web.Infrastructure;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.MerchantAuthentication;
using Microsoft.Extensions.Options;

/// <summary>
/// Expires open sessions past their <c>expires_at</c>, so the store hears <c>checkout.session.expired</c> without asking;
/// a session whose order completed while its own move was lost (a crash between the two) is completed instead. Each
/// move is the store's conditional one: several instances, or a store expiring the session at the same moment, write
/// its event once.
/// </summary>
public sealed partial class SessionExpirySweeper(
    IServiceScopeFactory scopes,
    IOptions<ReconcilerSettings> reconciler,
    MerchantApiKeys merchantApi,
    TimeProvider clock,
    ILogger<SessionExpirySweeper> log) : BackgroundService
{
    private const int BatchSize = 100;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        merchantApi.Enabled ? PeriodicPasses.RunAsync(reconciler.Value.Interval, RunOnceAsync, e => LogFailed(log, e), stoppingToken) : Task.CompletedTask;

    /// <summary>One pass over every open session past its time at the app's now; returns how many it expired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = 0;
        List<PastExpiry> due;
        do
        {
            using var scope = scopes.CreateScope();
            var sessions = scope.ServiceProvider.GetRequiredService<CheckoutSessionStore>();
            due = await sessions.OpenPastExpiryAsync(now, BatchSize, cancellationToken);
            foreach (var session in due)
            {
                if (session.CompletedOrderId is { } orderId)
                {
                    await sessions.TryMoveAsync(session.Id, CheckoutSessionStatus.Open, CheckoutSessionStatus.Complete, orderId, cancellationToken);
                }
                else if (await sessions.TryMoveAsync(session.Id, CheckoutSessionStatus.Open, CheckoutSessionStatus.Expired, null, cancellationToken))
                {
                    expired++;
                    LogExpired(log, session.Id);
                }
            }
        }
        while (due.Count == BatchSize);
        return expired;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The expired sessions' pass failed; it will run again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkout session {SessionId} expired unpaid")]
    private static partial void LogExpired(ILogger logger, Guid sessionId);
}

/// <summary>An open session past its time, and the completed order that should have completed it, if one did.</summary>
public sealed record PastExpiry(Guid Id, Guid? CompletedOrderId);
