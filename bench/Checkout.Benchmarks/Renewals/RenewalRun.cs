namespace Checkout.Benchmarks.Renewals;

using System.Diagnostics;
using System.Globalization;
using Checkout.Benchmarks.Load;

/// <summary>What the renewal run measured: the drain, its cost, and the exactly-once counts on both sides.</summary>
public sealed record RenewalFigures(
    int Due, int SignUps, TimeSpan Drain, double AppCpuMicrosPerRenewal, double EmulatorCpuMicrosPerRenewal, long AppPeakRss, ResidentSplit AppAtEnd,
    ChargeCounts Counts, IReadOnlyList<InstanceShare> Instances, string Database)
{
    /// <summary>The approved charges over the drain: on a stall, only those the app made before it.</summary>
    public double RenewalsPerSecond => Counts.ApprovedAttempts / Drain.TotalSeconds;
}

/// <summary>
/// One app instance's part of the drain: its CPU per renewal of the whole run, and in how many of the polls while
/// work was due it held claims (an instance holding none is idle). Claims name their instance, not its process: the
/// n-th instance here is the n-th to be seen holding a claim, not necessarily the n-th process.
/// </summary>
public sealed record InstanceShare(double CpuMicrosPerRenewal, int PollsHoldingClaims, int PollsWhileDue);

/// <summary>
/// The renewal run: the app and the emulator in their own processes, a few real sign-ups multiplied into
/// <c>--renewals</c> subscriptions, all made due at one instant; times how long the app's scheduler takes until every
/// one has its period charged, then counts that each was charged exactly once, in the app's database and at the emulator.
/// </summary>
public static class RenewalRun
{
    public const string Plan = "premium-monthly";
    public const int RealSignUps = 4;

    /// <summary>How long the charged count may stand still before the run gives up and reports what is missing.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Starts the scheduler's pass a second after the subscriptions come due, rather than within its default 30 s.</summary>
    public static readonly Dictionary<string, string> AppSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Renewals:PollInterval"] = "00:00:01",
    };

    public static async Task<RenewalFigures> RunAsync(BenchOptions options)
    {
        var settings = new Dictionary<string, string>(options.AppSettings, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in AppSettings)
        {
            settings.TryAdd(key, value);
        }
        // Development for the emulator's charge ledger (GET /sandbox/klarna/token-charges, loopback only); the app stays Staging.
        await using var app = await CheckoutApp.StartAsync(options.AppDll, settings, options.AppEnvironment, emulatorEnvironment: "Development");
        var clock = Stopwatch.StartNew();
        await SignUps.RunAsync(app, Math.Min(RealSignUps, options.Renewals), Plan);
        Console.Error.WriteLine($"  renewals: {Math.Min(RealSignUps, options.Renewals)} real sign-ups in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        await RenewalSeed.MultiplyAsync(app, options.Renewals);
        Console.Error.WriteLine($"  renewals: {options.Renewals} subscriptions with their own token rows in {clock.Elapsed.TotalSeconds:F1} s");
        for (var i = 1; i < options.Instances; i++)
        {
            await app.StartAnotherInstanceAsync();
        }

        var appCpu = app.Instances.Select(i => i.CpuTime()).ToList();
        var emulatorCpu = app.Sandbox.CpuTime();
        await RenewalSeed.MakeAllDueAsync(app);
        clock.Restart();
        var claims = new ClaimPolls();
        var drain = await WaitForDrainAsync(app, options.Renewals, clock, claims);
        var appCpuUsed = app.Instances.Select((instance, i) => instance.CpuTime() - appCpu[i]).ToList();
        var emulatorCpuUsed = app.Sandbox.CpuTime() - emulatorCpu;
        var counts = await ChargeCounts.ReadAsync(app);
        double PerRenewal(TimeSpan cpu) => cpu.TotalMilliseconds * 1000 / options.Renewals;
        return new RenewalFigures(
            options.Renewals,
            Math.Min(RealSignUps, options.Renewals),
            drain,
            PerRenewal(appCpuUsed.Aggregate(TimeSpan.Zero, (a, b) => a + b)),
            PerRenewal(emulatorCpuUsed),
            app.Instances.Max(i => i.Memory().Peak),
            app.Process.Split(),
            counts,
            [.. appCpuUsed.Select((cpu, i) => new InstanceShare(PerRenewal(cpu), claims.HoldingByInstance.ElementAtOrDefault(i), claims.Polls))],
            app.Postgres is null ? "SQLite" : "PostgreSQL");
    }

    /// <summary>Polls the approved attempts until there are <paramref name="due"/>; returns the time taken, or the time of the last progress on a stall.</summary>
    private static async Task<TimeSpan> WaitForDrainAsync(CheckoutApp app, int due, Stopwatch clock, ClaimPolls claims)
    {
        long charged = 0;
        var lastProgress = TimeSpan.Zero;
        var lastReport = TimeSpan.Zero;
        while (charged < due && clock.Elapsed - lastProgress < Stall)
        {
            await Task.Delay(PollInterval);
            var now = await ChargeCounts.ApprovedAttemptsAsync(app);
            if (now < due)
            {
                claims.Add(await app.TextsAsync("SELECT \"ClaimedBy\" FROM \"SubscriptionRenewals\" WHERE \"ClaimedBy\" IS NOT NULL"));
            }
            if (now != charged)
            {
                (charged, lastProgress) = (now, clock.Elapsed);
            }
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = clock.Elapsed;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  renewals: {charged} of {due} charged after {clock.Elapsed.TotalSeconds:F0} s ({charged / clock.Elapsed.TotalSeconds:F0}/s)"));
            }
        }
        return lastProgress;
    }
}
