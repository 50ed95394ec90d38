namespace Checkout.Testing;

using System.Net;
using Checkout.Domain.Plans;
using Checkout.Web.Catalog;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The whole app on real Kestrel with its own SQLite file, pointed by its settings at a Klarna emulator on a port of
/// its own, exactly as under <c>dotnet run</c>. Adds one test plan whose price the sandbox acquirer declines. A test can
/// reuse a database file, port and emulator to "restart" the app, and add settings or services.
/// </summary>
public class CheckoutAppFactory : WebApplicationFactory<Program>
{
    public const string DeclinedPlanId = "declined-monthly";

    private readonly bool _ownsDatabase;
    private readonly bool _ownsEmulator;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public CheckoutAppFactory()
        : this(null, 0, null, null, null)
    {
    }

    /// <summary>
    /// An app on <paramref name="port"/> (0: any) and database file (null: a new one), with extra settings and services,
    /// talking to <paramref name="emulator"/> (null: one of its own, whose webhooks come to this app).
    /// </summary>
    public static CheckoutAppFactory With(
        string? databasePath, int port, IDictionary<string, string?>? settings, Action<IServiceCollection>? services, EmulatorHost? emulator = null) =>
        new(databasePath, port, settings, services, emulator);

    protected CheckoutAppFactory(
        string? databasePath, int port, IDictionary<string, string?>? settings, Action<IServiceCollection>? services, EmulatorHost? emulator)
    {
        _ownsDatabase = databasePath is null;
        DatabasePath = databasePath ?? NewDatabasePath();
        var given = settings ?? new Dictionary<string, string?>();
        if (!File.Exists(DatabasePath) && !given.TryGetValue("Database:Provider", out _))
        {
            MigratedSqliteTemplate.CopyTo(DatabasePath);
        }
        Port = port == 0 ? Ports.Free() : port;
        // The emulator's own settings (Sandbox:*) go to the emulator this app starts; the rest to the app.
        _ownsEmulator = emulator is null;
        Emulator = emulator ?? EmulatorHost.ForApp(Port, given.Where(pair => IsEmulatorSetting(pair.Key)).ToDictionary());
        _settings = Emulator.AppSettings();
        foreach (var (key, value) in given.Where(pair => !IsEmulatorSetting(pair.Key)))
        {
            _settings[key] = value;
        }
        _services = services;
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
    }

    private static bool IsEmulatorSetting(string key) => key.StartsWith("Sandbox:", StringComparison.OrdinalIgnoreCase);

    public string DatabasePath { get; }

    public int Port { get; }

    /// <summary>The Klarna emulator and sandbox acquirer this app talks to.</summary>
    public EmulatorHost Emulator { get; }

    public Uri RootUri { get; private set; } = null!;

    public string KlarnaApiKey => Services.GetRequiredService<IConfiguration>()["Klarna:ApiKey"]!;

    /// <summary>The plan the sandbox acquirer declines (minor units ending in 13), added to the demo catalog as settings.</summary>
    public static Dictionary<string, string?> DeclinedPlanSettings { get; } = DemoPlans.PlanSettings(DemoPlans.Catalog.Plans.Count, new Dictionary<string, string>
    {
        ["Id"] = DeclinedPlanId,
        ["Name"] = "Declined by the sandbox acquirer",
        ["Description"] = "Minor units ending in 13: the sandbox acquirer declines.",
        ["Kind"] = "Subscription",
        ["Currency"] = "USD",
        ["PriceMinorUnits"] = "1013",
    });

    /// <summary>What the app under test sells: the demo catalog of the development settings and <see cref="DeclinedPlanId"/>.</summary>
    public static PlanCatalog TestCatalog { get; } = PlanCatalog.From(new ConfigurationBuilder()
        .AddInMemoryCollection(DemoPlans.Settings().Concat(DeclinedPlanSettings))
        .Build().GetSection(CatalogSettings.Section).Get<CatalogSettings>()!.Plans);

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"checkout-test-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Checkout", $"Data Source={DatabasePath}");
        foreach (var (key, value) in DeclinedPlanSettings)
        {
            builder.UseSetting(key, value);
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            _services?.Invoke(services);
        });
    }

    public HttpClient CreateBrowserLikeClient()
    {
        EnsureStarted();
        return new HttpClient(BrowserLikeHandler()) { BaseAddress = RootUri };
    }

    /// <summary>A cookie jar, no redirects followed, and no trace headers of its own: a browser sends none unless a page's script does.</summary>
    public static HttpMessageHandler BrowserLikeHandler() => new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = false,
        ActivityHeadersPropagator = System.Diagnostics.DistributedContextPropagator.CreateNoOutputPropagator(),
    };

    /// <summary>Looks at the app's database until <paramref name="condition"/> holds (see <see cref="Eventually"/>).</summary>
    public Task WaitForAsync(Func<CheckoutDbContext, Task<bool>> condition) => WaitForAsync("the app's database to reach the expected state", condition);

    /// <summary>Looks at the app's database until <paramref name="condition"/> holds; a failure names <paramref name="what"/>.</summary>
    public Task WaitForAsync(string what, Func<CheckoutDbContext, Task<bool>> condition) => Eventually.HoldsAsync(what, async () =>
    {
        await using var scope = Services.CreateAsyncScope();
        return await condition(scope.ServiceProvider.GetRequiredService<CheckoutDbContext>());
    });

    public void EnsureStarted()
    {
        if (RootUri is not null)
        {
            return;
        }
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        RootUri = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsEmulator)
        {
            Emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        if (!_ownsDatabase)
        {
            return;
        }
        DeleteDatabase(DatabasePath);
    }

    public static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // The OS releases the file later; a temp file left behind harms nothing.
            }
        }
    }
}
