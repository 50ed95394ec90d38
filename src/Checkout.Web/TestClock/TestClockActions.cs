namespace Checkout.Web.TestClock;

using System.Globalization;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Subscriptions;
using Microsoft.Extensions.Options;

/// <summary>What an advance did: the new now, the subscriptions the renewal pass found due, and what the emulator said.</summary>
public sealed record ClockAdvance(DateTimeOffset Now, int Due, string Emulator);

/// <summary>
/// Moves the test clock forward, the emulator's with it (<c>TestClock:EmulatorClockUrl</c>), then runs a renewal pass,
/// so "a month later" is one call.
/// </summary>
public sealed partial class TestClockActions(
    AdjustableClock clock, RenewalScheduler scheduler, IHttpClientFactory http, IOptions<TestClockSettings> settings, ILogger<TestClockActions> log)
{
    public const string HttpClientName = "TestClock";

    /// <summary>One calendar month from the clock's now (28 to 31 days).</summary>
    public TimeSpan OneMonth()
    {
        var now = clock.GetUtcNow();
        return now.AddMonths(1) - now;
    }

    public async Task<ClockAdvance> AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        var now = clock.Advance(by);
        LogAdvanced(log, by, now);
        var emulator = await AdvanceEmulatorAsync(by, cancellationToken);
        var due = await scheduler.RunOnceAsync(cancellationToken);
        // More than one batch may have come due at once: the background pass takes the rest.
        scheduler.Wake();
        return new ClockAdvance(now, due, emulator);
    }

    private async Task<string> AdvanceEmulatorAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Value.EmulatorClockUrl))
        {
            return "not configured";
        }
        try
        {
            using var response = await http.CreateClient(HttpClientName).PostAsJsonAsync(
                settings.Value.EmulatorClockUrl, new { by = by.ToString("c", CultureInfo.InvariantCulture) }, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return "advanced";
            }
            LogEmulatorRefused(log, (int)response.StatusCode);
            return $"answered {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogEmulatorUnreachable(log, e);
            return "unreachable";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Test clock advanced by {By}; now {Now:O}")]
    private static partial void LogAdvanced(ILogger logger, TimeSpan by, DateTimeOffset now);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The emulator's clock did not advance: it answered {StatusCode}")]
    private static partial void LogEmulatorRefused(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The emulator's clock did not advance: it could not be reached")]
    private static partial void LogEmulatorUnreachable(ILogger logger, Exception exception);
}
