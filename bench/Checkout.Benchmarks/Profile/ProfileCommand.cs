namespace Checkout.Benchmarks.Profile;

using System.Globalization;
using System.Text;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

/// <summary>
/// <c>profile FILE.nettrace</c>: where the app's CPU went, from an EventPipe sample trace (the app started with
/// <c>--app-env "DOTNET_EnableEventPipe=1;…"</c>, see docs/performance.md). Samples of threads that are waiting
/// are left out; the rest are counted per method, inclusive (on the stack) and exclusive (on top). With
/// <c>under</c>, only samples with a frame containing it are counted, as a share of all busy samples: what one
/// method's own work is made of. With <c>after</c> (<c>METHOD</c> or <c>METHOD+MS</c>), only samples taken after the
/// last busy sample with a frame containing METHOD, and MS more: <c>RazorView+2500</c> leaves out the checkout pages the
/// payment scenario opens before its clock starts, and its 2 s warm-up.
/// </summary>
public static class ProfileCommand
{
    private static readonly string[] Idle =
    [
        "System.Threading.WaitHandle", "System.Threading.Monitor.Wait", "System.Threading.LowLevelLifoSemaphore",
        "System.Threading.SemaphoreSlim.Wait", "System.Threading.ManualResetEventSlim.Wait", "System.Threading.Thread.Sleep",
        "System.Net.Sockets.SocketAsyncEngine.EventLoop", "System.Threading.PortableThreadPool+GateThread",
        "System.Threading.TimerQueue.TimerThread", "System.Threading.LowLevelMonitor", "System.Threading.PortableThreadPool+WorkerThread.WorkerDoWork",
        "System.Threading.PortableThreadPool+WorkerThread.WorkerThreadStart", "System.Threading.WaitSubsystem",
        "System.IO.FileSystemWatcher+RunningInstance.TryReadEvent",
    ];

    public static void Run(string path, int top, string? under = null, string? after = null)
    {
        using var log = TraceLog.OpenOrConvert(TraceLog.CreateFromEventPipeDataFile(path));
        var stacks = Stacks(log).ToList();
        var (marker, skip) = After(after);
        var from = marker is null
            ? double.NegativeInfinity
            : stacks.Where(s => !s.Idle && s.Frames.Any(f => f.Contains(marker, StringComparison.Ordinal))).Select(s => s.Time).DefaultIfEmpty(double.NegativeInfinity).Max() + skip;
        var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var waiting = new Dictionary<string, int>(StringComparer.Ordinal);
        var callers = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = 0;
        var idle = 0;
        foreach (var (time, frames, isIdle) in stacks.Where(s => s.Time > from))
        {
            // A thread blocked in a wait, or idling in the thread pool, is not using the CPU.
            if (isIdle)
            {
                idle++;
                // Who is waiting, and on what: the first frame of the app or a library, under the wait itself.
                if (frames.FirstOrDefault(f => !f.StartsWith("System.Threading", StringComparison.Ordinal) && !f.StartsWith("System.Runtime", StringComparison.Ordinal)) is { } waiter
                    && !waiter.StartsWith("System.Net.Sockets.SocketAsyncEngine", StringComparison.Ordinal))
                {
                    Count(waiting, $"{frames[0]} ← {waiter}");
                }
                continue;
            }
            samples++;
            if (under is not null && !frames.Any(f => f.Contains(under, StringComparison.Ordinal)))
            {
                continue;
            }
            Count(exclusive, frames[0]);
            if (under is not null)
            {
                // Who called it: the next few frames of interest below the first frame that matched.
                var at = frames.FindIndex(f => f.Contains(under, StringComparison.Ordinal));
                Count(callers, string.Join(" ← ", frames.Skip(at + 1).Where(Interesting).Take(3).Select(f => Short(f, 90))));
            }
            foreach (var method in frames.Distinct(StringComparer.Ordinal))
            {
                Count(inclusive, method);
            }
        }
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{samples} busy samples ({idle} waiting left out) in {Path.GetFileName(path)}");
        if (after is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"only samples from {skip:F0} ms after the last under a frame containing '{marker}' ({from:F0} ms into the trace)");
        }
        if (under is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"counted below: the {inclusive.GetValueOrDefault(inclusive.Keys.FirstOrDefault(k => k.Contains(under, StringComparison.Ordinal)) ?? "")} samples under a frame containing '{under}', as shares of all busy samples");
        }
        text.AppendLine();
        text.AppendLine("| inclusive | method |");
        text.AppendLine("|---:|---|");
        foreach (var (method, count) in inclusive.Where(m => Interesting(m.Key)).OrderByDescending(m => m.Value).Take(top))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {count * 100.0 / samples:F1} % | `{Short(method)}` |");
        }
        text.AppendLine();
        text.AppendLine("| exclusive | method |");
        text.AppendLine("|---:|---|");
        foreach (var (method, count) in exclusive.OrderByDescending(m => m.Value).Take(top / 2))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {count * 100.0 / samples:F1} % | `{Short(method)}` |");
        }
        text.AppendLine();
        if (under is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| samples | '{under}' called from |");
            text.AppendLine("|---:|---|");
            foreach (var (chain, count) in callers.OrderByDescending(m => m.Value).Take(top / 2))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {count} | `{chain}` |");
            }
            text.AppendLine();
        }
        text.AppendLine("| waiting samples | blocked in ← called from |");
        text.AppendLine("|---:|---|");
        foreach (var (method, count) in waiting.OrderByDescending(m => m.Value).Take(top / 4))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {count} | `{Short(method)}` |");
        }
        text.AppendLine(GcSummary(log));
        Console.WriteLine(text);
    }

    /// <summary>How large the GC's heap grew after a collection (what of the app's memory is managed objects), and how many collections ran.</summary>
    private static string GcSummary(TraceLog log)
    {
        var heaps = log.Events.ByEventType<GCHeapStatsTraceData>().Select(e => e.TotalHeapSize).ToList();
        var collections = log.Events.ByEventType<GCStartTraceData>().Count();
        return heaps.Count == 0
            ? "no GC heap statistics in the trace (its runtime provider's GC keyword was off)"
            : string.Create(CultureInfo.InvariantCulture,
                $"GC: {collections} collections; heap after a collection {heaps.Max() / 1048576.0:F1} MB at most, {heaps.Average() / 1048576.0:F1} MB on average, {heaps[^1] / 1048576.0:F1} MB after the last");
    }

    /// <summary><c>METHOD</c> or <c>METHOD+MS</c>: the marker frame, and how many milliseconds after it to skip (a warm-up).</summary>
    private static (string? Marker, double Skip) After(string? after) =>
        after?.Split('+') switch
        {
            null => (null, 0),
            [var marker] => (marker, 0),
            [var marker, var ms] => (marker, double.Parse(ms, CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"AFTER is METHOD or METHOD+MS, not '{after}'."),
        };

    private static IEnumerable<(double Time, List<string> Frames, bool Idle)> Stacks(TraceLog log)
    {
        foreach (var sample in log.Events.Where(e => e.ProviderName == "Microsoft-DotNETCore-SampleProfiler"))
        {
            var frames = new List<string>();
            for (var frame = sample.CallStack(); frame is not null; frame = frame.Caller)
            {
                var name = frame.CodeAddress.FullMethodName;
                if (!string.IsNullOrEmpty(name))
                {
                    frames.Add(name);
                }
            }
            if (frames.Count > 0)
            {
                yield return (sample.TimeStampRelativeMSec, frames, frames.Take(6).Any(f => Idle.Any(i => f.StartsWith(i, StringComparison.Ordinal))));
            }
        }
    }

    private static void Count(Dictionary<string, int> counts, string method) =>
        counts[method] = counts.GetValueOrDefault(method) + 1;

    /// <summary>Skips the framework's plumbing frames that are on nearly every stack.</summary>
    private static bool Interesting(string method) =>
        !method.StartsWith("System.Runtime.CompilerServices.AsyncMethodBuilderCore", StringComparison.Ordinal)
        && !method.StartsWith("System.Threading.ExecutionContext", StringComparison.Ordinal)
        && !method.StartsWith("System.Threading.ThreadPoolWorkQueue", StringComparison.Ordinal)
        && !method.StartsWith("System.Threading.PortableThreadPool", StringComparison.Ordinal)
        && !method.StartsWith("System.Threading.Thread.StartCallback", StringComparison.Ordinal)
        && !method.Contains("AsyncStateMachineBox", StringComparison.Ordinal);

    private static string Short(string method, int length = 150) => method.Length > length ? method[..length] + "…" : method;
}
