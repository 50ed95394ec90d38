namespace Checkout.Benchmarks.Profile;

using System.Globalization;
using System.Text;
using Microsoft.Diagnostics.Tracing.Etlx;

/// <summary>
/// <c>profile FILE.nettrace</c>: where the app's CPU went, from an EventPipe sample trace (the app started with
/// <c>--app-env "DOTNET_EnableEventPipe=1;…"</c>, see docs/performance.md). Samples of threads that are waiting
/// are left out; the rest are counted per method, inclusive (on the stack) and exclusive (on top). With
/// <c>under</c>, only samples with a frame containing it are counted, as a share of all busy samples: what one
/// method's own work is made of.
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

    public static void Run(string path, int top, string? under = null)
    {
        using var log = TraceLog.OpenOrConvert(TraceLog.CreateFromEventPipeDataFile(path));
        var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var waiting = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = 0;
        var idle = 0;
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
            if (frames.Count == 0)
            {
                continue;
            }
            // A thread blocked in a wait, or idling in the thread pool, is not using the CPU.
            if (frames.Take(6).Any(f => Idle.Any(i => f.StartsWith(i, StringComparison.Ordinal))))
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
            foreach (var method in frames.Distinct(StringComparer.Ordinal))
            {
                Count(inclusive, method);
            }
        }
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{samples} busy samples ({idle} waiting left out) in {Path.GetFileName(path)}");
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
        text.AppendLine("| waiting samples | blocked in ← called from |");
        text.AppendLine("|---:|---|");
        foreach (var (method, count) in waiting.OrderByDescending(m => m.Value).Take(top / 4))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {count} | `{Short(method)}` |");
        }
        Console.WriteLine(text);
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

    private static string Short(string method) => method.Length > 150 ? method[..150] + "…" : method;
}
