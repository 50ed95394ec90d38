namespace Checkout.Benchmarks.Page;

using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Checkout.Benchmarks.Load;
using Microsoft.Playwright;

/// <summary>
/// <c>page</c>: headless Debian Chromium loads /checkout repeatedly; checkout.js marks <c>methods-rendered</c>
/// and <c>klarna-rendered</c> (performance.mark, ms since navigation start), read back after each load.
/// Cold: a new browser context (empty cache) per load. Warm: one context, so the scripts come from its cache.
/// </summary>
public static class PageCommand
{
    private const string CheckoutPath = "checkout?plan=premium-monthly";

    private const int WarmUpLoads = 200;

    private const int WarmUpTabs = 4;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private const string ReadMarks = """
        () => {
          const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
          const nav = performance.getEntriesByType("navigation")[0];
          const resources = performance.getEntriesByType("resource").map((r) => ({
            name: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd }));
          const steps = performance.getEntriesByType("mark").map((m) => ({ name: m.name, start: m.startTime }));
          return { methods: mark("methods-rendered"), klarna: mark("klarna-rendered"), steps,
                   response: nav?.responseEnd ?? null, domContentLoaded: nav?.domContentLoadedEventEnd ?? null, resources };
        }
        """;

    public static async Task RunAsync(BenchOptions options)
    {
        Console.Error.WriteLine($"page: {Repo.Machine()}; {WarmUpLoads} unrecorded loads, then {options.Loads} loads cold, {options.Loads} warm");
        await using var app = await CheckoutApp.StartAsync(options.AppDll);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

        // Unrecorded loads first (four tabs at a time), so the figures are those of a running server, not of its
        // JIT tiering up the page's code paths while the browser competes with it for the two cores: after one
        // unrecorded load the tiering thread had 87 % of the app's samples during the recorded loads, after 30
        // still 69 %. Nor of the browser's process start.
        await Task.WhenAll(Enumerable.Range(0, WarmUpTabs).Select(async _ =>
        {
            for (var i = 0; i < WarmUpLoads / WarmUpTabs; i++)
            {
                await LoadOnceAsync(browser, null, app.Root);
            }
        }));

        var cold = new List<Marks>();
        for (var i = 0; i < options.Loads; i++)
        {
            cold.Add(await LoadOnceAsync(browser, null, app.Root));
        }
        var warm = new List<Marks>();
        await using (var context = await NewContextAsync(browser, app.Root))
        {
            await LoadOnceAsync(browser, context, app.Root);
            for (var i = 0; i < options.Loads; i++)
            {
                warm.Add(await LoadOnceAsync(browser, context, app.Root));
            }
        }
        Console.WriteLine(Report(cold, warm));
    }

    private sealed record Resource(string Name, double Start, double End);

    private sealed record Step(string Name, double Start);

    private sealed record Marks(double? Methods, double? Klarna, double? Response, double? DomContentLoaded, Resource[] Resources, Step[] Steps);

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri root)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = root.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        // The app runs as behind a proxy that ends TLS (BehindTlsProxy): the page itself says so, as the proxy would, or its
        // antiforgery cookie (Secure outside Development) refuses to be made. Only the document: the marks are measured
        // from its navigation, and the other requests need no cookie.
        await context.RouteAsync(new Regex("/" + Regex.Escape(CheckoutPath) + "$"), route => route.ContinueAsync(new RouteContinueOptions
        {
            Headers = new Dictionary<string, string>(route.Request.Headers) { [BehindTlsProxy.Header] = "https" },
        }));
        return context;
    }

    private static async Task<Marks> LoadOnceAsync(IBrowser browser, IBrowserContext? shared, Uri root)
    {
        var context = shared ?? await NewContextAsync(browser, root);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(CheckoutPath);
            await page.WaitForSelectorAsync("#checkout[data-ready='true']", new() { State = WaitForSelectorState.Attached });
            var marks = await page.EvaluateAsync<JsonElement>(ReadMarks);
            await page.CloseAsync();
            return marks.Deserialize<Marks>(Web)!;
        }
        finally
        {
            if (shared is null)
            {
                await context.DisposeAsync();
            }
        }
    }

    private static string Report(List<Marks> cold, List<Marks> warm)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Checkout page ({Repo.Machine()}, Chromium headless)");
        text.AppendLine();
        text.AppendLine("| cache | loads | other methods rendered, median / p95 ms | Klarna rendered, median / p95 ms | Klarna after the others, median / p95 / max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, loads) in new[] { ("cold", cold), ("warm", warm) })
        {
            var methods = loads.Select(l => l.Methods ?? double.NaN).ToArray();
            var klarna = loads.Select(l => l.Klarna ?? double.NaN).ToArray();
            var delta = loads.Select(l => (l.Klarna ?? double.NaN) - (l.Methods ?? double.NaN)).ToArray();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {loads.Count} | {P(methods, 0.5):F1} / {P(methods, 0.95):F1} | {P(klarna, 0.5):F1} / {P(klarna, 0.95):F1} | {P(delta, 0.5):F1} / {P(delta, 0.95):F1} / {P(delta, 1):F1} |");
        }
        text.AppendLine();
        text.AppendLine("Where the time goes (cold, median ms since navigation start: request start → response end):");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- document response end {P(cold.Select(l => l.Response ?? double.NaN).ToArray(), 0.5):F1}, DOMContentLoaded {P(cold.Select(l => l.DomContentLoaded ?? double.NaN).ToArray(), 0.5):F1}");
        foreach (var name in cold.SelectMany(l => l.Resources).Select(r => r.Name).Distinct())
        {
            var matching = cold.SelectMany(l => l.Resources.Where(r => r.Name == name).Take(1)).ToArray();
            text.AppendLine(CultureInfo.InvariantCulture, $"- `{name}` {P(matching.Select(r => r.Start).ToArray(), 0.5):F1} → {P(matching.Select(r => r.End).ToArray(), 0.5):F1}");
        }
        foreach (var name in cold.SelectMany(l => l.Steps).Select(s => s.Name).Distinct())
        {
            var times = cold.SelectMany(l => l.Steps.Where(s => s.Name == name).Take(1)).Select(s => s.Start).ToArray();
            text.AppendLine(CultureInfo.InvariantCulture, $"- mark `{name}` {P(times, 0.5):F1} (p95 {P(times, 0.95):F1})");
        }
        text.AppendLine();
        text.AppendLine(AssetSizes());
        return text.ToString();
    }

    /// <summary>The checkout's own JS and CSS (wwwroot), raw and gzip.</summary>
    public static string AssetSizes()
    {
        var root = Path.Combine(Repo.Root, "src", "Checkout.Web", "wwwroot");
        var files = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".mjs", StringComparison.Ordinal) || f.EndsWith(".css", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var text = new StringBuilder("| wwwroot file | bytes | gzip bytes |\n|---|---:|---:|\n");
        long raw = 0, zipped = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var gz = Gzip(bytes);
            raw += bytes.Length;
            zipped += gz;
            text.Append(CultureInfo.InvariantCulture, $"| `{Path.GetRelativePath(Repo.Root, file)}` | {bytes.Length} | {gz} |\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"| **total** | **{raw}** ({raw / 1024.0:F1} KB) | **{zipped}** |\n");
        return text.ToString();
    }

    private static long Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return output.Length;
    }

    private static double P(double[] values, double p)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
