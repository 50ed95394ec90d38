namespace Checkout.Contract.Tests.TokenCharge;

using System.Collections.Concurrent;
using Checkout.Acquiring;
using Checkout.Domain.Pricing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>The renewal the token-charge tests send, and a log that keeps every line the clients write.</summary>
public static class Renewal
{
    public const string KlarnaToken = "krn:partner:eu1:test:identity:customer-token:Rt4iBjqKBMcontract";
    public const string AcquirerTokenId = "ctok_0123456789abcdef01234567";
    public const string Reference = "subscription-0c8a6f537d0e4f299a553c1e9b7b2a41-period-3";
    public const string Key = Reference + "-attempt-2";

    public static TokenChargeRequest Request(string storedToken, string key = Key, long amount = 999) => new(
        Reference,
        Money.Of(amount, "USD"),
        storedToken,
        key,
        new TokenChargeSubscription(
            "subscription-0c8a6f537d0e4f299a553c1e9b7b2a41", "premium-monthly", "Premium monthly", "Month", 1,
            new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 30, 0, 0, 0, TimeSpan.Zero)));
}

public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public static Action<IServiceCollection> Into(CapturedLogs logs) => services =>
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {structured} {exception}");
        }
    }
}
