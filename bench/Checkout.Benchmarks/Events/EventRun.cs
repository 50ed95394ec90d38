namespace Checkout.Benchmarks.Events;

using System.Diagnostics;
using System.Globalization;
using Checkout.Benchmarks.Load;
using Checkout.Benchmarks.Renewals;

/// <summary>What the event delivery run measured: the drain, its cost, and the counts on both sides.</summary>
public sealed record EventFigures(
    int Due, TimeSpan Drain, long DeliveredInDrain, double AppCpuMicrosPerEvent, double ReceiverCpuMicrosPerEvent, long AppPeakRss, DeliveryCounts Counts)
{
    /// <summary>The deliveries made over the drain: on a stall, only those made before it.</summary>
    public double EventsPerSecond => DeliveredInDrain / Drain.TotalSeconds;
}

/// <summary>
/// The event delivery run: the app and the emulator in their own processes, the store's receiver (<see cref="LocalReceiver"/>)
/// in this one; one real sign-up stores and delivers a <c>subscription.created</c> event, which is copied into
/// <c>--events</c> events, all made due at one instant. Times the app's worker until every one is delivered, then counts
/// both sides: each delivered, once as the app's ledger records it, and received with a valid signature.
/// </summary>
public static class EventRun
{
    public const string Endpoint = "bench";

    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<EventFigures> RunAsync(BenchOptions options)
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var settings = new Dictionary<string, string>(options.AppSettings, StringComparer.OrdinalIgnoreCase);
        settings.TryAdd($"Merchant:Webhooks:{Endpoint}:Url", receiver.Url);
        settings.TryAdd($"Merchant:Webhooks:{Endpoint}:Secret", receiver.Secret);
        await using var app = await CheckoutApp.StartAsync(options.AppDll, settings, options.AppEnvironment);
        var clock = Stopwatch.StartNew();
        await SignUps.RunAsync(app, 1, RenewalRun.Plan);
        var (originals, _) = await WaitForDrainAsync(app, await app.CountAsync("MerchantEventDeliveries"), Stopwatch.StartNew(), "real");
        Console.Error.WriteLine($"  events: a real sign-up and its {originals} event(s) delivered in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var source = await EventSeed.MultiplyAsync(app, options.Events);
        Console.Error.WriteLine($"  events: {options.Events} copies of {source} in {clock.Elapsed.TotalSeconds:F1} s");

        var appCpu = app.Process.CpuTime();
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        await EventSeed.MakeAllDueAsync(app);
        clock.Restart();
        var total = originals + options.Events;
        var (_, drain) = await WaitForDrainAsync(app, total, clock, "due");
        var appCpuUsed = app.Process.CpuTime() - appCpu;
        var ownCpuUsed = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        var counts = await DeliveryCounts.ReadAsync(app, receiver);
        return new EventFigures(
            options.Events,
            drain,
            counts.Delivered - originals,
            appCpuUsed.TotalMilliseconds * 1000 / options.Events,
            ownCpuUsed.TotalMilliseconds * 1000 / options.Events,
            app.Process.Memory().Peak,
            counts);
    }

    /// <summary>
    /// Polls the delivered count until it is <paramref name="total"/>; returns it and the time taken, or the time of the
    /// last progress on a stall.
    /// </summary>
    private static async Task<(long Delivered, TimeSpan Drain)> WaitForDrainAsync(CheckoutApp app, long total, Stopwatch clock, string which)
    {
        long delivered = 0;
        var lastProgress = TimeSpan.Zero;
        var lastReport = TimeSpan.Zero;
        while (delivered < total && clock.Elapsed - lastProgress < Stall)
        {
            await Task.Delay(PollInterval);
            var now = await DeliveryCounts.DeliveredAsync(app);
            if (now != delivered)
            {
                (delivered, lastProgress) = (now, clock.Elapsed);
            }
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = clock.Elapsed;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  events: {delivered} of {total} {which} deliveries made after {clock.Elapsed.TotalSeconds:F0} s"));
            }
        }
        return (delivered, lastProgress);
    }
}
