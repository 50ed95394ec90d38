namespace Checkout.Benchmarks.Load;

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

public sealed record LoadResult(
    string Scenario, int Clients, long Requests, long Errors, double Rps, double P50Ms, double P99Ms, double MaxMs,
    double ServerCpuPercent, double ServerCpuMicrosPerRequest, double TierUpCpuPercent, double UpstreamCpuMicrosPerRequest,
    long PeakRssBytes, ResidentSplit AtPeak);

/// <summary>Resident bytes by kind: anonymous, shared memory, mapped files.</summary>
public sealed record ResidentSplit(long Anonymous, long Shared, long Files)
{
    public static readonly ResidentSplit None = new(0, 0, 0);
}

/// <summary>
/// Drives a server with wrk (Debian's package: <c>apt-get install -y wrk</c>): N connections, a short unrecorded
/// warm-up run, then the timed run, while this process samples the server's resident set and CPU time from /proc.
/// </summary>
public static class Wrk
{
    /// <summary>Refuses before anything starts when wrk is not on the PATH (Process.Start would fail only at the first level).</summary>
    public static void EnsureInstalled()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(Path.PathSeparator).Any(directory => directory.Length > 0 && File.Exists(Path.Combine(directory, "wrk"))))
        {
            throw new InvalidOperationException("load needs wrk on the PATH: apt-get install -y wrk");
        }
    }

    /// <summary>Prints the totals and percentiles as one JSON line wrk's <c>done</c> hook can build.</summary>
    private const string DoneHook = """

        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('WRK-RESULT {"requests":%d,"duration_us":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
            summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
            latency:percentile(50), latency:percentile(99), latency.max))
        end
        """;

    public static string Script(string directory, string name, string lua)
    {
        var path = Path.Combine(directory, name + ".lua");
        File.WriteAllText(path, BehindTlsProxy.WrkHeader + lua + DoneHook);
        return path;
    }

    public static async Task<LoadResult> RunAsync(
        string scenario, ChildProcess server, string path, int connections, TimeSpan duration, TimeSpan warmup, string script,
        ChildProcess? upstream = null)
    {
        if (warmup > TimeSpan.Zero)
        {
            await RunWrkAsync(server.Root, path, connections, warmup, script);
        }
        using var sampling = new CancellationTokenSource();
        var peakRss = 0L;
        var atPeak = ResidentSplit.None;
        // Sampled with the memory, so that a tier-up thread that ends during the level still counts up to its last sample.
        var tierUpBefore = server.TierUpThreads();
        var tierUpSeen = new Dictionary<string, TimeSpan>(tierUpBefore, StringComparer.Ordinal);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                foreach (var (thread, cpu) in server.TierUpThreads())
                {
                    tierUpSeen[thread] = cpu;
                }
                var rss = server.Memory().Rss;
                if (rss > peakRss)
                {
                    (peakRss, atPeak) = (rss, server.Split());
                }
                try
                {
                    await Task.Delay(50, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
        var cpuBefore = server.CpuTime();
        var upstreamBefore = upstream?.CpuTime() ?? TimeSpan.Zero;
        var output = await RunWrkAsync(server.Root, path, connections, duration, script);
        var cpu = server.CpuTime() - cpuBefore;
        var upstreamCpu = (upstream?.CpuTime() ?? TimeSpan.Zero) - upstreamBefore;
        await sampling.CancelAsync();
        await sampler;
        foreach (var (thread, threadCpu) in server.TierUpThreads())
        {
            tierUpSeen[thread] = threadCpu;
        }
        var tierUp = tierUpSeen.Aggregate(TimeSpan.Zero, (sum, thread) => sum + thread.Value - tierUpBefore.GetValueOrDefault(thread.Key));
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRK-RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result:\n{output}");
        var json = JsonDocument.Parse(line["WRK-RESULT ".Length..]).RootElement;
        var requests = json.GetProperty("requests").GetInt64();
        var errors = json.GetProperty("errors").GetInt64();
        var seconds = json.GetProperty("duration_us").GetInt64() / 1e6;
        var ok = requests - errors;
        var result = new LoadResult(
            scenario, connections, ok, errors, ok / seconds,
            json.GetProperty("p50_us").GetInt64() / 1000.0, json.GetProperty("p99_us").GetInt64() / 1000.0, json.GetProperty("max_us").GetInt64() / 1000.0,
            cpu.TotalSeconds / seconds * 100, ok == 0 ? double.NaN : cpu.TotalMilliseconds * 1000 / ok,
            cpu > TimeSpan.Zero ? tierUp / cpu * 100 : 0, upstream is null || ok == 0 ? double.NaN : upstreamCpu.TotalMilliseconds * 1000 / ok,
            peakRss, atPeak);
        Console.Error.WriteLine(
            $"  {scenario,-38} c={connections,-3} {result.Rps,9:F0} req/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  "
            + $"errors {result.Errors}  server CPU {result.ServerCpuPercent:F0}% ({result.ServerCpuMicrosPerRequest:F0} us/req, tier-up JIT {result.TierUpCpuPercent:F0}% of it)"
            + (upstream is null ? "" : $"  upstream {result.UpstreamCpuMicrosPerRequest:F0} us/req") + $"  RSS peak {result.PeakRssBytes / 1048576.0:F0} MB");
        return result;
    }

    private static async Task<string> RunWrkAsync(Uri root, string path, int connections, TimeSpan duration, string script)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // One thread per core, never more threads than connections.
        foreach (var argument in new[]
        {
            "-t", Math.Min(Environment.ProcessorCount, connections).ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s",
            "--timeout", "10s",
            "-s", script,
            new Uri(root, path).ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await error}");
        }
        return await output;
    }
}
