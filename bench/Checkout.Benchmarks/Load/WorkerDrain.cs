namespace Checkout.Benchmarks.Load;

using System.Diagnostics;
using System.Globalization;

/// <summary>
/// After a webhook level, how fast the worker alone catches up with the events it left for later: no requests
/// reach the app meanwhile, so the app's CPU time is the worker's (and this process's row counts).
/// </summary>
public static class WorkerDrain
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<string> MeasureAsync(CheckoutApp app, long unprocessed)
    {
        if (unprocessed == 0)
        {
            return "";
        }
        var clock = Stopwatch.StartNew();
        var cpuBefore = app.Process.CpuTime();
        var left = unprocessed;
        var polls = 0;
        while (left > 0 && clock.Elapsed < Limit)
        {
            await Task.Delay(PollInterval);
            left = await app.UnprocessedEventsAsync();
            polls++;
        }
        if (left == 0 && polls == 1)
        {
            // Too short to time with this poll: a rate from it would be the poll's, not the worker's.
            return string.Create(CultureInfo.InvariantCulture, $" The worker alone caught up within {PollInterval.TotalMilliseconds:F0} ms.");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var done = unprocessed - left;
        var cpu = (app.Process.CpuTime() - cpuBefore).TotalMilliseconds * 1000;
        var rest = left > 0 ? string.Create(CultureInfo.InvariantCulture, $", {left} still left after {Limit.TotalSeconds:F0} s") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $" The worker alone then processed {done} in {seconds:F1} s ({done / seconds:F0} events/s, {(done == 0 ? 0 : cpu / done):F0} µs of app CPU each){rest}.");
    }
}
