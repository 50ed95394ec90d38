namespace Checkout.ScaleOut.Tests;

using System.Net;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

/// <summary>One instance of the whole app on real Kestrel, on PostgreSQL, pointed at the shared sandbox.</summary>
public sealed class AppInstance : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly AcquirerCalls _acquirerCalls;

    public AppInstance(string name, string connectionString, SandboxServer sandbox, AcquirerCalls acquirerCalls)
    {
        Name = name;
        _acquirerCalls = acquirerCalls;
        var settings = sandbox.AppSettings();
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Checkout"] = connectionString;
        settings["RateLimits:PaymentsPerMinute"] = "100000";
        settings["RateLimits:ReadsPerMinute"] = "100000";
        settings["RateLimits:WebhooksPerMinute"] = "100000";
        _settings = settings;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public string Name { get; }

    public Uri Root { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Root = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task<T> WithDatabaseAsync<T>(Func<CheckoutDbContext, IServiceProvider, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CheckoutDbContext>(), scope.ServiceProvider);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
            // Innermost handler on every outbound client: sees each attempt the app makes at the acquirer.
            services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(
                b => b.AdditionalHandlers.Add(new AcquirerCallRecorder(_acquirerCalls, Name)))));
    }
}
