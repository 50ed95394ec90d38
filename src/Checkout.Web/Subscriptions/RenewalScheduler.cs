namespace Checkout.Web.Subscriptions;

using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

/// <summary>
/// Looks for renewals and cancellations that have come due (by the app's <see cref="TimeProvider"/>) and works
/// them as a batch under a claim of its own (<see cref="RenewalCharging"/>), so any number of passes and instances at
/// once charge each period once.
/// </summary>
public sealed partial class RenewalScheduler(
    IServiceScopeFactory scopes, IOptions<RenewalSettings> settings, TimeProvider clock, ILogger<RenewalScheduler> log)
    : BackgroundService
{
    /// <summary>How far back a pass looks for completed sign-ups whose subscription was never started.</summary>
    private static readonly TimeSpan SignUpCatchUp = TimeSpan.FromDays(7);

    private readonly WorkSignal _wake = new();

    private RenewalSettings Settings => settings.Value;

    /// <summary>Starts the next pass now instead of at the end of the poll interval.</summary>
    public void Wake() => _wake.Raise();

    public override void Dispose()
    {
        base.Dispose();
        _wake.Dispose();
    }

    /// <summary>
    /// Two passes at a time, so that one lists and claims its batch, or records its answers, while the other's charges are
    /// in flight; together they send at most <c>Renewals:Concurrency</c> charges at once (<see cref="RenewalSlots"/>).
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(PassesAsync(stoppingToken), PassesAsync(stoppingToken));

    private async Task PassesAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) < Settings.BatchSize)
                {
                    await _wake.WaitAsync(Settings.PollInterval, stoppingToken);
                }
                else
                {
                    // A full batch means more are probably due: go again at once, and wake the other pass to help.
                    _wake.Raise();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPassFailed(log, e);
                await _wake.WaitAsync(Settings.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>One pass: starts sign-ups' missed subscriptions, then works each subscription due now. Returns how many were due.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SubscriptionSignUps>().StartMissedAsync(now - SignUpCatchUp, Settings.BatchSize, cancellationToken);
            due = await scope.ServiceProvider.GetRequiredService<SubscriptionStore>().DueAsync(now, Settings.BatchSize, cancellationToken);
        }
        if (due.Count > 0)
        {
            using var scope = scopes.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<RenewalCharging>().RenewAsync(due, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The claims are given back; the next pass tries again, charges in flight under the same keys.
                LogRenewalsFailed(log, e, due.Count);
            }
        }
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewing a batch of {Count} subscriptions failed; the next pass tries again")]
    private static partial void LogRenewalsFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The renewal scheduler failed; it will try again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
