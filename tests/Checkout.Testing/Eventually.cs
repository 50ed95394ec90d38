namespace Checkout.Testing;

using System.Diagnostics;
using Xunit.Sdk;

/// <summary>
/// The one way a test waits for something another thread, process or host does: it looks again every few milliseconds
/// and returns as soon as the condition holds. The bound is generous, so a loaded machine never fails a wait that would
/// have ended; a wait that does fail says what it waited for and what it saw last.
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for a busy 2-core machine running several test projects at once.</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Waits until <paramref name="look"/> gives a value <paramref name="holds"/> accepts, and returns it.</summary>
    /// <param name="what">What the test waits for, as the failure should say it ("order 42 to be final").</param>
    public static async Task<T> MatchesAsync<T>(string what, Func<Task<T>> look, Func<T, bool> holds, TimeSpan? bound = null)
    {
        ArgumentNullException.ThrowIfNull(look);
        ArgumentNullException.ThrowIfNull(holds);
        var limit = bound ?? DefaultBound;
        var clock = Stopwatch.StartNew();
        var interval = FirstInterval;
        var seen = "nothing yet";
        while (true)
        {
            try
            {
                var value = await look();
                if (holds(value))
                {
                    return value;
                }
                seen = Describe(value);
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // An assertion or a refused connection while the thing is still on its way is one more thing seen.
                seen = $"{failure.GetType().Name}: {failure.Message}";
            }
            if (clock.Elapsed >= limit)
            {
                throw new XunitException($"Waited {limit.TotalSeconds:0} s for {what}; last saw: {seen}");
            }
            await Task.Delay(interval);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, LongestInterval.Ticks));
        }
    }

    /// <summary>Waits until <paramref name="look"/> gives a value <paramref name="holds"/> accepts, and returns it.</summary>
    public static Task<T> MatchesAsync<T>(string what, Func<T> look, Func<T, bool> holds, TimeSpan? bound = null)
    {
        ArgumentNullException.ThrowIfNull(look);
        return MatchesAsync(what, () => Task.FromResult(look()), holds, bound);
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task HoldsAsync(string what, Func<Task<bool>> condition, TimeSpan? bound = null) =>
        MatchesAsync(what, condition, held => held, bound);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task HoldsAsync(string what, Func<bool> condition, TimeSpan? bound = null) =>
        MatchesAsync(what, () => Task.FromResult(condition()), held => held, bound);

    /// <summary>Waits until <paramref name="check"/> passes (its assertions hold); the last failure is what it saw.</summary>
    public static Task PassesAsync(string what, Func<Task> check, TimeSpan? bound = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        return MatchesAsync(what, async () =>
        {
            await check();
            return true;
        }, held => held, bound);
    }

    private static string Describe<T>(T value) => Shorten(value switch
    {
        null => "null",
        bool held => held ? "true" : "false (the condition did not hold)",
        string text => text,
        System.Text.Json.Nodes.JsonNode node => node.ToJsonString(),
        System.Collections.IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Select(item => item?.ToString()))}]",
        _ => value.ToString() ?? "",
    });

    private static string Shorten(string text) => text.Length > 1000 ? text[..1000] + "…" : text;
}
