namespace Checkout.ScaleOut.Tests;

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Klarna's emulator and the sandbox acquirer, once, in a host of their own that both app instances use. Its
/// webhooks go to a relay on the same host, which records each signed delivery and hands the very same bytes
/// and headers to every app instance at once, as a load balancer's retries would.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly EmulatorHost _emulator;
    private readonly WebhookRelay _relay;

    private SandboxServer(EmulatorHost emulator, WebhookRelay relay)
    {
        _emulator = emulator;
        _relay = relay;
    }

    public Uri Root => _emulator.Root;

    public EmulatorHost Emulator => _emulator;

    public EmulatorKeys Keys => _emulator.Keys;

    public ConcurrentQueue<SignedWebhook> Webhooks => _relay.Received;

    /// <summary>Where the relay delivers; set once the app instances listen.</summary>
    public void DeliverTo(params Uri[] appRoots) => _relay.Targets = appRoots;

    public static Task<SandboxServer> StartAsync()
    {
        var port = Ports.Free();
        WebhookRelay? relay = null;
        var emulator = EmulatorHost.Start(new EmulatorHostOptions
        {
            Port = port,
            KlarnaWebhookUrl = new Uri($"http://127.0.0.1:{port}{WebhookRelay.Path}"),
            Settings = new Dictionary<string, string?>
            {
                ["Sandbox:Klarna:WebhookRetryDelays:0"] = "00:00:00.200",
                ["Sandbox:Klarna:WebhookRetryDelays:1"] = "00:00:00.500",
                ["Sandbox:Klarna:WebhookRetryDelays:2"] = "00:00:01",
            },
            Services = services => services.AddHttpClient(WebhookRelay.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30)),
            Map = app =>
            {
                relay = new WebhookRelay(app.Services.GetRequiredService<IHttpClientFactory>());
                app.MapPost(WebhookRelay.Path, relay.ReceiveAsync);
            },
        });
        return Task.FromResult(new SandboxServer(emulator, relay!));
    }

    /// <summary>The settings that point an app instance at this sandbox instead of its own.</summary>
    public Dictionary<string, string?> AppSettings() => _emulator.AppSettings();

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();
}
