namespace Checkout.Integration.Tests;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>The app starts no emulator: in Development, when none answers where its settings point, it says what to run.</summary>
public sealed class MissingEmulatorNoticeTests
{
    [Fact]
    public async Task Without_an_emulator_the_app_says_in_one_line_to_run_the_AppHost()
    {
        var logs = new CapturedLogs();
        var nothingThere = new Uri($"http://localhost:{Ports.Free()}/");
        using var app = CheckoutAppFactory.With(
            null, 0, new Dictionary<string, string?> { ["Klarna:BaseUrl"] = new Uri(nothingThere, "sandbox/klarna/").AbsoluteUri }, s => s.AddSingleton<ILoggerProvider>(logs));
        app.EnsureStarted();

        var line = await NoticeAsync(logs);

        Assert.Contains($"No Klarna emulator answers at {nothingThere}", line, StringComparison.Ordinal);
        Assert.Contains("run dotnet run --project src/Checkout.AppHost", line, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Checkout.Sandbox", line, StringComparison.Ordinal);
    }

    /// <summary>The notice, written once the app has started and its probe has failed.</summary>
    private static async Task<string> NoticeAsync(CapturedLogs logs) =>
        Assert.Single(await Eventually.MatchesAsync(
            "the app to say something about the missing emulator",
            () => logs.Lines.Where(l => l.Contains("MissingEmulatorNotice", StringComparison.Ordinal)).ToList(),
            lines => lines.Count > 0));
}
