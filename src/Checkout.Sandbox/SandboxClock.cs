using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox;

/// <summary>
/// The emulator's clock in Development: the system's time plus an offset that only moves forward, so a test clock in the
/// app and the emulator's agree on "a month later". Timestamps and timers stay the system's.
/// </summary>
public sealed class SandboxClock(TimeProvider system) : TimeProvider
{
    /// <summary>The longest single step: a year and a day.</summary>
    public static readonly TimeSpan MaxStep = TimeSpan.FromDays(366);

    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => system.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => system.LocalTimeZone;

    public override long TimestampFrequency => system.TimestampFrequency;

    public override long GetTimestamp() => system.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        system.CreateTimer(callback, state, dueTime, period);

    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(by, MaxStep);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return GetUtcNow();
    }
}

/// <summary><c>POST /sandbox/clock/advance {"by": "30.00:00:00"}</c>: mapped in Development only, answered to callers on this machine only.</summary>
public static class SandboxClockEndpoint
{
    public static void MapSandboxClock(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/sandbox/clock/advance", AdvanceAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> AdvanceAsync(HttpContext context, TimeProvider time)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            return Results.NotFound();
        }
        if (time is not SandboxClock clock)
        {
            return Results.Problem("This emulator's clock cannot be moved (it is not the sandbox clock).", statusCode: StatusCodes.Status409Conflict);
        }
        TimeSpan by;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (!body.RootElement.TryGetProperty("by", out var text) || text.ValueKind != JsonValueKind.String
                || !TimeSpan.TryParse(text.GetString(), CultureInfo.InvariantCulture, out by))
            {
                return BadStep();
            }
        }
        catch (JsonException)
        {
            return BadStep();
        }
        if (by <= TimeSpan.Zero || by > SandboxClock.MaxStep)
        {
            return BadStep();
        }
        var now = clock.Advance(by);
        return Results.Json(new { now = now.ToString("O", CultureInfo.InvariantCulture), offset = clock.Offset.ToString("c", CultureInfo.InvariantCulture) });
    }

    private static IResult BadStep() => Results.Problem(
        "Send {\"by\": \"d.hh:mm:ss\"}, a step forward of at most 366 days (e.g. \"30.00:00:00\").", statusCode: StatusCodes.Status400BadRequest);
}
