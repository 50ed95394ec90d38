namespace Checkout.Contract.Tests.WireMock;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

/// <summary>
/// A WireMock standalone server in its own JVM: an HTTP fake written by someone else, so our clients cannot
/// agree with themselves. Stubs go in through the admin API; what it received comes back from its journal.
/// </summary>
public sealed partial class WireMockServer : IAsyncLifetime
{
    public const string JarPath = "tests/.tools/node_modules/wiremock/build/wiremock-standalone-3.13.2.jar";

    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;
    private string? _rootDir;
    private HttpClient? _admin;

    public Uri BaseAddress { get; private set; } = null!;

    private HttpClient Admin => _admin ?? throw new InvalidOperationException("WireMock has not started.");

    public async Task InitializeAsync()
    {
        var jar = FindJar();
        _rootDir = Directory.CreateTempSubdirectory("wiremock-").FullName;
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-jar", jar, "--port", "0", "--bind-address", "127.0.0.1", "--root-dir", _rootDir, "--disable-banner" })
        {
            start.ArgumentList.Add(argument);
        }

        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                port.TrySetException(new InvalidOperationException($"WireMock stopped before it listened:\n{Output}"));
                return;
            }
            _output.Enqueue(e.Data);
            if (PortLine().Match(e.Data) is { Success: true } match)
            {
                port.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _output.Enqueue(e.Data);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            // A start-up guard, not an assertion: the JVM usually listens within a second or two.
            var listening = await port.Task.WaitAsync(TimeSpan.FromSeconds(90));
            BaseAddress = new Uri($"http://127.0.0.1:{listening}/");
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"WireMock did not print its port:\n{Output}", e);
        }
        _admin = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_rootDir is not null && Directory.Exists(_rootDir))
        {
            Directory.Delete(_rootDir, recursive: true);
        }
    }

    /// <summary>Forgets every stub, scenario state and received request.</summary>
    public async Task ResetAsync()
    {
        using var response = await Admin.PostAsync("__admin/reset", content: null);
        response.EnsureSuccessStatusCode();
    }

    public async Task StubAsync(JsonObject mapping)
    {
        using var response = await Admin.PostAsJsonAsync("__admin/mappings", mapping);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"WireMock refused the mapping ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}\n{mapping}");
        }
    }

    /// <summary>Every request WireMock received since the last reset, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> ReceivedAsync()
    {
        var journal = await Admin.GetFromJsonAsync<JsonObject>("__admin/requests")
            ?? throw new InvalidOperationException("WireMock answered an empty request journal.");
        return journal["requests"]!.AsArray()
            .Select(entry => ReceivedRequest.From(entry!["request"]!.AsObject()))
            .Reverse()
            .OrderBy(r => r.LoggedAt)
            .ToList();
    }

    public async Task<IReadOnlyList<ReceivedRequest>> ReceivedAsync(string urlPath) =>
        (await ReceivedAsync()).Where(r => r.Path == urlPath).ToList();

    private string Output => string.Join('\n', _output);

    private static string FindJar()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Checkout.sln")))
            {
                var jar = Path.Combine(dir.FullName, JarPath);
                return File.Exists(jar)
                    ? jar
                    : throw new InvalidOperationException(
                        $"WireMock standalone is missing at {jar}. Run ./scripts/test.sh once: it installs it with "
                        + "`npm install --prefix tests/.tools wiremock@3.13.2`.");
            }
        }
        throw new InvalidOperationException($"No Checkout.sln above {AppContext.BaseDirectory}: cannot find {JarPath}.");
    }

    [GeneratedRegex(@"^port:\s+(\d+)\s*$")]
    private static partial Regex PortLine();
}
