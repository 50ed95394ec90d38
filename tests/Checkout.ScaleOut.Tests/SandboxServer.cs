namespace Checkout.ScaleOut.Tests;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Checkout.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// Klarna's emulator and the sandbox acquirer, once, in a host of their own that both app instances use. Its
/// webhooks go to a relay on the same host, which records each signed delivery and hands the very same bytes
/// and headers to every app instance at once, as a load balancer's retries would.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    public const string KlarnaApiKey = "klarna_test_api_scaleout_0123456789abcdef";
    public const string ClientId = "klarna_test_client_scaleout";
    public const string SigningKeyId = "scaleout-key-1";
    public const string SigningKey = "whsec_scaleout_0123456789abcdef0123456789abcdef";
    public const string AcquirerApiKey = "acquirer_test_scaleout_0123456789";
    public const string AcquirerWebhookSecret = "acquirer_whsec_scaleout_0123456789";

    private static readonly StandaloneSandbox Secrets = new(KlarnaApiKey, ClientId, SigningKeyId, SigningKey, AcquirerApiKey, AcquirerWebhookSecret);

    private readonly WebApplication _app;
    private readonly WebhookRelay _relay;

    private SandboxServer(WebApplication app, Uri root, WebhookRelay relay)
    {
        _app = app;
        Root = root;
        _relay = relay;
    }

    public Uri Root { get; }

    public ConcurrentQueue<SignedWebhook> Webhooks => _relay.Received;

    /// <summary>Where the relay delivers; set once the app instances listen.</summary>
    public void DeliverTo(params Uri[] appRoots) => _relay.Targets = appRoots;

    public static async Task<SandboxServer> StartAsync()
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(Secrets.HostSettings(new Uri($"http://127.0.0.1:{port}{WebhookRelay.Path}")));
        builder.Configuration["Sandbox:Klarna:WebhookRetryDelays:0"] = "00:00:00.200";
        builder.Configuration["Sandbox:Klarna:WebhookRetryDelays:1"] = "00:00:00.500";
        builder.Configuration["Sandbox:Klarna:WebhookRetryDelays:2"] = "00:00:01";
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Services.AddHttpClient(WebhookRelay.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        builder.AddCheckoutSandbox();
        var app = builder.Build();
        app.MapCheckoutSandbox();
        var relay = new WebhookRelay(app.Services.GetRequiredService<IHttpClientFactory>());
        app.MapPost(WebhookRelay.Path, relay.ReceiveAsync);
        await app.StartAsync();
        return new SandboxServer(app, new Uri($"http://127.0.0.1:{port}/"), relay);
    }

    /// <summary>The settings that point an app instance at this sandbox instead of its own.</summary>
    public Dictionary<string, string?> AppSettings() => Secrets.AppSettings(Root);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
