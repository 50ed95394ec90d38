namespace Checkout.Web.Infrastructure;

/// <summary>The loop of the background services that look for work at an interval: the reconcilers and the session sweeper.</summary>
public static class PeriodicPasses
{
    /// <summary>
    /// Runs <paramref name="pass"/> every <paramref name="interval"/> of real time until <paramref name="stoppingToken"/> ends;
    /// a failed pass is reported and the next one runs. Real time: on a fake or moved app clock, one jump would otherwise
    /// run a pass per interval skipped. What is due is read from the app's clock in each pass.
    /// </summary>
    public static async Task RunAsync(TimeSpan interval, Func<CancellationToken, Task> pass, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed(e);
            }
        }
    }
}
