namespace Checkout.Benchmarks.Load;

using System.Diagnostics;
using System.Globalization;

/// <summary>A server process this benchmark started: its address, its memory (from /proc) and its CPU time.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, Uri root)
    {
        _process = process;
        Root = root;
    }

    public Uri Root { get; }

    public int Id => _process.Id;

    /// <summary>Starts <c>dotnet dll args</c> and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<ChildProcess> StartAsync(string dll, IReadOnlyList<string> arguments, int port, string readyPath, IDictionary<string, string>? environment = null)
    {
        var process = Repo.StartDotnet(dll, arguments, Path.GetDirectoryName(dll)!, environment);
        var child = new ChildProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = child.Root, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode} before it was ready.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(readyPath, UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return child;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }
            await Task.Delay(100);
        }
        process.Kill();
        throw new TimeoutException($"{Path.GetFileName(dll)} was not ready within 60 s.");
    }

    /// <summary>Resident set size now (VmRSS) and the process's peak so far (VmHWM), in bytes.</summary>
    public (long Rss, long Peak) Memory()
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kb(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kb(line);
            }
        }
        return (rss, peak);
    }

    /// <summary>
    /// The resident set now, split as the kernel counts it (/proc/PID/status): anonymous memory (the GC's heaps and
    /// native allocations), shared memory (the runtime's double-mapped JIT code and stubs under W^X) and mapped files
    /// (assemblies and native libraries).
    /// </summary>
    public ResidentSplit Split()
    {
        long anonymous = 0, shared = 0, files = 0;
        foreach (var line in File.ReadLines($"/proc/{Id}/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous = Kb(line);
            }
            else if (line.StartsWith("RssShmem:", StringComparison.Ordinal))
            {
                shared = Kb(line);
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                files = Kb(line);
            }
        }
        return new ResidentSplit(anonymous, shared, files);
    }

    /// <summary>User plus system CPU time the process has used.</summary>
    public TimeSpan CpuTime() => CpuTimeIn($"/proc/{Id}/stat");

    /// <summary>
    /// CPU time of each of the runtime's tier-up threads by thread id (".NET Tiered Compilation", cut to 15 characters by
    /// Linux): while one works, the hot path is still being compiled, so a level's CPU is the JIT's warm-up as much as the
    /// request's. The runtime ends the thread once it has nothing to compile and starts another when it has.
    /// </summary>
    public Dictionary<string, TimeSpan> TierUpThreads()
    {
        var threads = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories($"/proc/{Id}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd() == ".NET Tiered Com")
                {
                    threads[Path.GetFileName(task)] = CpuTimeIn(Path.Combine(task, "stat"));
                }
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }
        return threads;
    }

    private static TimeSpan CpuTimeIn(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of /proc/pid/stat (utime, stime), counted after the command name.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first: the host stops gracefully (and an EventPipe trace gets its method names); SIGKILL after 15 s.
            using (var term = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
