namespace Checkout.Integration.Tests;

using System.Net;
using Checkout.Domain.Plans;
using Checkout.Domain.Pricing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>
/// The whole app on real Kestrel with its own SQLite file, so the in-process sandbox talks to it over
/// HTTP exactly as under <c>dotnet run</c>. Adds one test plan whose price the sandbox acquirer declines.
/// </summary>
public class CheckoutAppFactory : WebApplicationFactory<Program>
{
    public const string DeclinedPlanId = "declined-monthly";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"checkout-test-{Guid.NewGuid():N}.db");

    public CheckoutAppFactory()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Checkout", $"Data Source={_databasePath}");
        builder.UseSetting("Sandbox:Klarna:WebhookRetryDelays:0", "00:00:00.200");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<PlanCatalog>();
            services.AddSingleton(TestCatalog);
            ConfigureServices(services);
        });
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public HttpClient CreateBrowserLikeClient()
    {
        EnsureStarted();
        return new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = RootUri,
        };
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
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
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
