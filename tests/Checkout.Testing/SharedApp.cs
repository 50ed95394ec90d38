namespace Checkout.Testing;

using System.Collections.Concurrent;

/// <summary>
/// One app, with its own emulator and database, per settings profile, started when a test first asks for it and
/// shared by every test in the process that asks for the same settings; test classes still run in parallel, and the
/// checkout keys each shopper's page carries keep their orders apart. A test that restarts, crashes or reconfigures
/// the app, moves its clock, or counts what the whole app did starts a <see cref="CheckoutAppFactory"/> of its own.
/// </summary>
public sealed class SharedApp
{
    private static readonly ConcurrentDictionary<string, Lazy<SharedApp>> Started = new();

    static SharedApp() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    private SharedApp(IReadOnlyDictionary<string, string?> settings)
    {
        Settings = settings;
        App = CheckoutAppFactory.With(null, 0, settings.ToDictionary(), CapturedLogs.Into(Logs));
        App.EnsureStarted();
    }

    /// <summary>The app with no settings of the test's own.</summary>
    public static SharedApp Default => For(new Dictionary<string, string?>());

    /// <summary>The default app but with the emulator's completed webhook carrying its tokens at <paramref name="placement"/>.</summary>
    public static SharedApp WithTokenPlacement(string placement) =>
        For(new Dictionary<string, string?> { [EmulatorHost.WebhookTokenPlacementSetting] = placement });

    /// <summary>The shared app for these settings (the app's, and the emulator's <c>Sandbox:*</c> ones), started on first use.</summary>
    public static SharedApp For(IReadOnlyDictionary<string, string?> settings)
    {
        var profile = string.Join('\n', settings.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
        // Started on the thread pool: a test framework's synchronization context may have every thread blocked here,
        // waiting for this app, and the host's start must not need one of them to continue.
        return Started.GetOrAdd(profile, _ => new Lazy<SharedApp>(() => Task.Run(() => new SharedApp(settings)).GetAwaiter().GetResult())).Value;
    }

    public CheckoutAppFactory App { get; }

    /// <summary>Every line the app has logged, for every test sharing it: look for the lines of the test's own order.</summary>
    public CapturedLogs Logs { get; } = new();

    public IReadOnlyDictionary<string, string?> Settings { get; }

    private static void StopAll()
    {
        foreach (var started in Started.Values.Where(lazy => lazy.IsValueCreated))
        {
            try
            {
                started.Value.App.Dispose();
            }
            catch (Exception failure) when (failure is ObjectDisposedException or OperationCanceledException or AggregateException or InvalidOperationException)
            {
                // The process is ending: a host that will not stop cleanly harms nothing now.
            }
        }
    }
}
