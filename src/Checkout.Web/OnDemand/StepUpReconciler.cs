namespace Checkout.Web.OnDemand;

using Checkout.Acquiring;
using Checkout.Domain.OnDemand;
using Checkout.Web.Completion;
using Checkout.Web.Infrastructure;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.MerchantAuthentication;
using Microsoft.Extensions.Options;

/// <summary>
/// Settles stepped-up rides whose acquirer callback never came, as the reconciler does orders: reads the acquirer where
/// its adapter can and records the answer (the same conditional update as the callback's), and expires a ride still
/// waiting <c>OnDemand:StepUpLifetime</c> after it was sent, when no journey can finish it any more.
/// </summary>
public sealed partial class StepUpReconciler(
    IServiceScopeFactory scopes,
    IOptions<ReconcilerSettings> reconciler,
    IOptions<OnDemandSettings> settings,
    MerchantApiKeys merchantApi,
    TimeProvider clock,
    ILogger<StepUpReconciler> log) : BackgroundService
{
    public const string ExpiredReason = "The shopper did not finish Klarna's step-up in time; nothing was charged.";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        merchantApi.Enabled ? PeriodicPasses.RunAsync(reconciler.Value.Interval, RunOnceAsync, e => LogFailed(log, e), stoppingToken) : Task.CompletedTask;

    /// <summary>One pass; returns how many stepped-up rides it looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<OnDemandCharge> waiting;
        using (var scope = scopes.CreateScope())
        {
            waiting = await scope.ServiceProvider.GetRequiredService<OnDemandChargeStore>()
                .StepUpsQuietSinceAsync(now - reconciler.Value.MinimumAge, 100, cancellationToken);
        }
        foreach (var charge in waiting)
        {
            using var scope = scopes.CreateScope();
            try
            {
                await SettleAsync(scope.ServiceProvider, charge, now, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Unknown, so nothing is decided: the next pass asks again, and the ride never expires on a failed read.
                LogRideFailed(log, e, charge.Id);
            }
        }
        return waiting.Count;
    }

    private async Task SettleAsync(IServiceProvider services, OnDemandCharge charge, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var charges = services.GetRequiredService<OnDemandChargeStore>();
        if (charge.AcquirerPaymentId is { } paymentId
            && await services.GetRequiredService<ICustomerPresentCharger>().ReadAsync(paymentId, cancellationToken) is { } answer
            && answer.Status != CustomerPresentChargeStatus.StepUpRequired)
        {
            // What the acquirer answered is recorded even when the app is stopping.
            if (await charges.TryRecordAsync(charge.Id, OnDemandChargeStatus.StepUpRequired, answer, CancellationToken.None))
            {
                LogRead(log, charge.Id, answer.Status);
            }
            return;
        }
        if (now - charge.CreatedAt >= settings.Value.StepUpLifetime && await charges.TryExpireAsync(charge.Id, ExpiredReason, cancellationToken))
        {
            LogExpired(log, charge.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The stepped-up rides' pass failed; it will run again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling stepped-up ride {ChargeId} failed; it will be tried again")]
    private static partial void LogRideFailed(ILogger logger, Exception exception, Guid chargeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stepped-up ride {ChargeId} read from the acquirer: {Status}")]
    private static partial void LogRead(ILogger logger, Guid chargeId, CustomerPresentChargeStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stepped-up ride {ChargeId} expired without an answer")]
    private static partial void LogExpired(ILogger logger, Guid chargeId);
}
