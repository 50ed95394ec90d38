namespace Checkout.Integration.Tests;

using System.Net;
using System.Net.Sockets;
using Checkout.Domain.Plans;
using Checkout.Domain.Pricing;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>
/// The whole app on real Kestrel with its own SQLite file, so the sandbox talks to it over HTTP exactly
/// as under <c>dotnet run</c>. Adds one test plan whose price the sandbox acquirer declines. A test can
/// reuse a database file and port to "restart" the app, and add settings or services.
/// </summary>
public class CheckoutAppFactory : WebApplicationFactory<Program>
{
    public const string DeclinedPlanId = "declined-monthly";

    private readonly bool _ownsDatabase;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public CheckoutAppFactory()
        : this(null, 0, null, null)
    {
    }

    /// <summary>An app on <paramref name="port"/> (0: any) and database file (null: a new one), with extra settings and services.</summary>
    public static CheckoutAppFactory With(string? databasePath, int port, IDictionary<string, string?>? settings, Action<IServiceCollection>? services) =>
        new(databasePath, port, settings, services);

    protected CheckoutAppFactory(string? databasePath, int port, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        _ownsDatabase = databasePath is null;
        DatabasePath = databasePath ?? NewDatabasePath();
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        _services = services;
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
    }

    public string DatabasePath { get; }

    public Uri RootUri { get; private set; } = null!;

    public string KlarnaApiKey => Services.GetRequiredService<IConfiguration>()["Klarna:ApiKey"]!;

    public static PlanCatalog TestCatalog { get; } = new(PlanCatalog.Default.Plans.Append(new Plan
    {
        Id = DeclinedPlanId,
        Name = "Declined by the sandbox acquirer",
        Description = "Minor units ending in 13: the sandbox acquirer declines.",
        Kind = PlanKind.Subscription,
        Price = Money.Of(1013, "USD"),
    }));

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"checkout-test-{Guid.NewGuid():N}.db");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Checkout", $"Data Source={DatabasePath}");
        builder.UseSetting("Sandbox:Klarna:WebhookRetryDelays:0", "00:00:00.200");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<PlanCatalog>();
            services.AddSingleton(TestCatalog);
            _services?.Invoke(services);
        });
    }

    public HttpClient CreateBrowserLikeClient()
    {
        EnsureStarted();
        return new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = RootUri,
        };
    }

    /// <summary>Polls the app's database until <paramref name="condition"/> holds; fails the test after 30 s.</summary>
    public async Task WaitForAsync(Func<CheckoutDbContext, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var scope = Services.CreateAsyncScope())
            {
                if (await condition(scope.ServiceProvider.GetRequiredService<CheckoutDbContext>()))
                {
                    return;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "The expected state was not reached in time.");
            await Task.Delay(100);
        }
    }

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
