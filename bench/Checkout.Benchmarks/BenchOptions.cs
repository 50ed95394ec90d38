namespace Checkout.Benchmarks;

using System.Globalization;

/// <summary>
/// Command-line knobs: <c>--seconds</c> per level after <c>--warmup</c> seconds (default 2), <c>--clients 1,16,64</c>, <c>--loads</c> (page), <c>--checkouts</c>
/// and <c>--webhooks</c> prepared per level (and as many distinct webhooks again for its warm-up), <c>--renewals</c> due at once in the renewal run (default 100,000) and <c>--instances</c> of the app working them (default 1; more than one on PostgreSQL only), <c>--events</c> due at once in the event delivery run (default 20,000), <c>--filter</c> (scenario or BenchmarkDotNet glob), <c>--app-env "NAME=VALUE;…"</c> (the app's environment), <c>--app-settings "Key:Sub=VALUE|…"</c> (its configuration, e.g. PostgreSQL; <c>|</c> between pairs, as connection strings hold <c>;</c>), <c>--app PATH</c> (the Checkout.Web.dll to run, e.g. a ReadyToRun publish; default the build beside the benchmarks).
/// </summary>
public sealed record BenchOptions(int Seconds, int Warmup, int[] Clients, int Loads, int Port, int Checkouts, int Webhooks, int Renewals, int Instances, int Events, string? Filter, Dictionary<string, string> AppEnvironment, Dictionary<string, string> AppSettings, string AppDll)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var clients = values.TryGetValue("clients", out var c)
            ? c.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray()
            : [1, 16, 64];
        Dictionary<string, string> Pairs(string name, char separator) => values.TryGetValue(name, out var e)
            ? e.Split(separator, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new BenchOptions(
            Int("seconds", 10), Int("warmup", 2), clients, Int("loads", 40), Int("port", 0), Int("checkouts", 4000), Int("webhooks", 150_000), Int("renewals", 100_000), Int("instances", 1), Int("events", 20_000), values.GetValueOrDefault("filter"), Pairs("app-env", ';'), Pairs("app-settings", '|'),
            Path.GetFullPath(values.GetValueOrDefault("app", Repo.AppDll)));
    }
}
