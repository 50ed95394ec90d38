namespace Checkout.Benchmarks.Load;

using System.Globalization;
using System.Text;
using Checkout.Benchmarks.Events;
using Checkout.Benchmarks.Renewals;

/// <summary>
/// <c>load</c>: bare Kestrel (the ceiling) and the real app, each in its own process, driven by wrk at each
/// concurrency on the same machine; prints Markdown tables for docs/performance.md. The renewal run
/// (<see cref="RenewalRun"/>) and the event delivery run (<see cref="EventRun"/>) run only when <c>--filter</c> names
/// <c>renewals</c> or <c>events</c>, with bare Kestrel beside them.
/// </summary>
public static class LoadCommand
{
    public static async Task RunAsync(BenchOptions options)
    {
        Wrk.EnsureInstalled();
        var warmup = TimeSpan.FromSeconds(options.Warmup);
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var results = new List<LoadResult>();
        var notes = new List<string>();
        RenewalFigures? renewals = null;
        EventFigures? events = null;
        var work = Directory.CreateTempSubdirectory("checkout-load-").FullName;
        Console.Error.WriteLine($"load: {Repo.Machine()}; {options.Seconds} s per level after a {warmup.TotalSeconds:F0} s warm-up; "
            + $"Klarna emulator in its own process; files in {work}");
        try
        {
            if (Wants(options, "bare") || Named(options, "renewals") || Named(options, "events"))
            {
                await using var bare = await BareServer.StartAsync();
                foreach (var clients in options.Clients)
                {
                    results.Add(await Wrk.RunAsync("bare Kestrel GET /", bare, "/", clients, duration, warmup, Scenarios.BareGet(work)));
                }
                foreach (var clients in options.Clients)
                {
                    results.Add(await Wrk.RunAsync("bare Kestrel POST /echo", bare, "/echo", clients, duration, warmup, Scenarios.BarePost(work)));
                }
                foreach (var clients in options.Clients)
                {
                    results.Add(await Wrk.RunAsync("bare Kestrel POST /relay (two exchanges)", bare, "/relay", clients, duration, warmup, Scenarios.BarePost(work)));
                }
                notes.Add($"bare Kestrel process: peak working set (VmHWM) {Mb(bare.Memory().Peak)}");
            }

            if (Named(options, "renewals"))
            {
                renewals = await RenewalRun.RunAsync(options);
            }
            if (Named(options, "events"))
            {
                events = await EventRun.RunAsync(options);
            }
            if (Wants(options, "payment") || Wants(options, "webhook"))
            {
                await RunAppScenariosAsync(options, work, warmup, duration, results, notes);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        Console.WriteLine(Report(results, notes) + (renewals is null ? "" : RenewalReport.Format(renewals, results))
            + (events is null ? "" : EventReport.Format(events, results)));
        if (renewals is { Counts.ExactlyOnce: false })
        {
            throw new InvalidOperationException($"Renewals were not charged exactly once: {renewals.Counts}");
        }
        if (events is { Counts.OncePerLedger: false })
        {
            throw new InvalidOperationException($"Events were not each delivered once as the app's ledger records it: {events.Counts}");
        }
    }

    private static async Task RunAppScenariosAsync(
        BenchOptions options, string work, TimeSpan warmup, TimeSpan duration, List<LoadResult> results, List<string> notes)
    {
        await using var app = await CheckoutApp.StartAsync(options.AppDll, options.AppSettings, options.AppEnvironment);
        notes.Add($"app {options.AppDll}: idle after start-up, working set {Mb(app.Process.Memory().Rss)}");

        if (Wants(options, "payment"))
        {
            foreach (var clients in options.Clients)
            {
                var threads = Math.Min(Environment.ProcessorCount, clients);
                var opened = DateTime.UtcNow;
                // Fresh checkouts for the warm-up too: replays skip the durable write, which then would meet the JIT
                // only once the clock runs.
                var warmCount = options.Checkouts / 2;
                var warm = await Scenarios.OpenCheckoutsAsync(app, work, $"checkouts-warm-{clients}", warmCount, "premium-monthly");
                var timed = await Scenarios.OpenCheckoutsAsync(app, work, $"checkouts-{clients}", options.Checkouts, "premium-monthly");
                Console.Error.WriteLine($"  opened {warmCount + options.Checkouts} checkouts in {(DateTime.UtcNow - opened).TotalSeconds:F1} s");
                await Wrk.RunAsync("(warm-up)", app.Process, "/api/payment-request", clients, warmup, TimeSpan.Zero,
                    Scenarios.PaymentRequest(work, $"payment-warm-{clients}", warm, threads));
                var result = await Wrk.RunAsync("POST /api/payment-request", app.Process, "/api/payment-request", clients, duration, TimeSpan.Zero,
                    Scenarios.PaymentRequest(work, $"payment-{clients}", timed, threads), app.Sandbox);
                results.Add(result);
                if (result.Requests + result.Errors > options.Checkouts)
                {
                    notes.Add($"POST /api/payment-request c={clients}: {result.Requests + result.Errors - options.Checkouts} requests reused an opened checkout (Klarna's idempotent replay): raise --checkouts.");
                }
            }
        }

        if (Wants(options, "webhook"))
        {
            string? last = null;
            var lastClients = 0;
            foreach (var clients in options.Clients)
            {
                var threads = Math.Min(Environment.ProcessorCount, clients);
                // As many distinct events for the warm-up as for the level: with fewer, a long warm-up soon runs out of new
                // events and goes on warming only the duplicates' path, leaving the new events' hot path to be compiled in
                // the timed level.
                var warm = await Scenarios.SignWebhooksAsync(work, $"webhooks-warm-{clients}", options.Webhooks, app.SigningKey);
                var timed = await Scenarios.SignWebhooksAsync(work, $"webhooks-{clients}", options.Webhooks, app.SigningKey);
                await Wrk.RunAsync("(warm-up)", app.Process, "/api/webhooks/klarna", clients, warmup, TimeSpan.Zero,
                    Scenarios.Webhook(work, $"webhook-warm-{clients}", warm, threads));
                var before = await app.CountAsync("WebhookEvents");
                var result = await Wrk.RunAsync("POST /api/webhooks/klarna (new)", app.Process, "/api/webhooks/klarna", clients, duration, TimeSpan.Zero,
                    Scenarios.Webhook(work, $"webhook-{clients}", timed, threads));
                results.Add(result);
                var stored = await app.CountAsync("WebhookEvents") - before;
                // The worker processes events while the inbox takes more, on the same cores: how far behind it ended
                // says how much of the work the figures above left for later.
                var unprocessed = await app.UnprocessedEventsAsync();
                notes.Add($"webhooks c={clients}: {result.Requests} acknowledged in the timed run, {stored} new inbox rows, {unprocessed} events not yet processed as it ended"
                    + (result.Requests > options.Webhooks ? $" (only {options.Webhooks} distinct events were prepared: raise --webhooks)" : "") + "."
                    + await WorkerDrain.MeasureAsync(app, unprocessed));
                (last, lastClients) = (timed, clients);
            }
            if (last is not null)
            {
                // Only events already in the inbox, so every request of this run is a duplicate delivery; the sandbox's
                // own webhooks for the payment requests above settle first.
                await Task.Delay(TimeSpan.FromSeconds(3));
                var duplicates = await app.KeepStoredEventsAsync(last, Path.Combine(work, "webhooks-duplicates.tsv"));
                var rows = await app.CountAsync("WebhookEvents");
                var bytes = await app.DatabaseBytesAsync();
                var result = await Wrk.RunAsync("POST /api/webhooks/klarna (duplicates)", app.Process, "/api/webhooks/klarna", lastClients, duration, TimeSpan.Zero,
                    Scenarios.Webhook(work, "webhook-duplicates", duplicates, Math.Min(Environment.ProcessorCount, lastClients)));
                results.Add(result);
                notes.Add($"duplicates c={lastClients}: {result.Requests} deliveries of events already stored; inbox rows {rows} before, {await app.CountAsync("WebhookEvents")} after; "
                    + $"database + WAL {Mb(bytes)} before, {Mb(await app.DatabaseBytesAsync())} after.");
            }
        }
        notes.Add($"app peak working set over the whole run (VmHWM): {Mb(app.Process.Memory().Peak)}");
        notes.Add($"emulator process (Klarna and acquirer): peak working set {Mb(app.Sandbox.Memory().Peak)}, CPU time {app.Sandbox.CpuTime().TotalSeconds:F0} s");
    }

    private static bool Wants(BenchOptions options, string scenario) => options.Filter is null || options.Filter.Contains(scenario, StringComparison.Ordinal);

    /// <summary>Only when named: 100,000 renewals or 20,000 events take minutes on two cores, as long as the rest of <c>load</c>.</summary>
    private static bool Named(BenchOptions options, string run) => options.Filter?.Contains(run, StringComparison.Ordinal) == true;

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F0} MB");

    public static string Report(IReadOnlyList<LoadResult> results, IReadOnlyList<string> notes)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Load ({Repo.Machine()}, wrk on the same cores)");
        text.AppendLine();
        text.AppendLine("| scenario | clients | req/s | p50 ms | p99 ms | max ms | errors | server CPU | CPU µs/req | of it tier-up JIT | emulator CPU µs/req | peak RSS | at peak: anonymous / JIT code (shmem) / files |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Clients} | {r.Rps:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F1} | {r.Errors} | {r.ServerCpuPercent:F0} % | {r.ServerCpuMicrosPerRequest:F0} | {r.TierUpCpuPercent:F0} % | {(double.IsNaN(r.UpstreamCpuMicrosPerRequest) ? "" : r.UpstreamCpuMicrosPerRequest.ToString("F0", CultureInfo.InvariantCulture))} | {Mb(r.PeakRssBytes)} | {Mb(r.AtPeak.Anonymous)} / {Mb(r.AtPeak.Shared)} / {Mb(r.AtPeak.Files)} |");
        }
        text.AppendLine();
        foreach (var clients in results.Select(r => r.Clients).Distinct())
        {
            var get = results.FirstOrDefault(r => r.Clients == clients && r.Scenario.StartsWith("bare Kestrel GET", StringComparison.Ordinal));
            var post = results.FirstOrDefault(r => r.Clients == clients && r.Scenario.StartsWith("bare Kestrel POST /echo", StringComparison.Ordinal));
            var relay = results.FirstOrDefault(r => r.Clients == clients && r.Scenario.StartsWith("bare Kestrel POST /relay", StringComparison.Ordinal));
            if (get is null || post is null)
            {
                continue;
            }
            if (relay is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- bare POST /relay (two exchanges), {clients} clients: {relay.Rps / get.Rps:P1} of bare GET, {relay.Rps / post.Rps:P1} of bare POST");
            }
            foreach (var r in results.Where(r => r.Clients == clients && !r.Scenario.StartsWith("bare", StringComparison.Ordinal)))
            {
                var ofRelay = relay is null ? "" : $", {r.Rps / relay.Rps:P1} of bare relay";
                text.AppendLine(CultureInfo.InvariantCulture, $"- {r.Scenario}, {clients} clients: {r.Rps / get.Rps:P1} of bare GET, {r.Rps / post.Rps:P1} of bare POST{ofRelay}; CPU per request {r.ServerCpuMicrosPerRequest / post.ServerCpuMicrosPerRequest:F1}× bare POST's");
            }
        }
        foreach (var note in notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }
        return text.ToString();
    }
}
