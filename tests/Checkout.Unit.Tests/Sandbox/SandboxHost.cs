using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Checkout.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Checkout.Unit.Tests.Sandbox;

internal sealed record ReceivedCallback(byte[] Body, string? Signature)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}

internal sealed record ReceivedWebhook(byte[] Body, string? KeyId, string? Signature, string? ContentType)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string EventType => Json["metadata"]!["event_type"]!.GetValue<string>();

    public string EventId => Json["metadata"]!["event_id"]!.GetValue<string>();
}

/// <summary>The sandbox on a real Kestrel port, with a webhook receiver standing in for the merchant app.</summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _webhookAttempts;
    private int _callbackAttempts;

    private SandboxHost(WebApplication app, Uri address, KlarnaTraffic traffic)
    {
        _app = app;
        KlarnaTraffic = traffic;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public ConcurrentQueue<ReceivedWebhook> Webhooks { get; } = new();

    /// <summary>Status the receiver answers for the n-th delivery attempt (1-based).</summary>
    public Func<int, int> WebhookStatus { get; set; } = _ => StatusCodes.Status200OK;

    /// <summary>Callbacks the sandbox acquirer posted to the partner (every attempt).</summary>
    public ConcurrentQueue<ReceivedCallback> Callbacks { get; } = new();

    /// <summary>Status the partner's callback receiver answers for the n-th attempt (1-based).</summary>
    public Func<int, int> CallbackStatus { get; set; } = _ => StatusCodes.Status200OK;

    /// <summary>What the sandbox acquirer sent to Klarna's Payment Authorize API, and what came back.</summary>
    public KlarnaTraffic KlarnaTraffic { get; }

    public string KlarnaApiKey => Setting("Klarna:ApiKey");

    public string AcquirerKlarnaApiKey => Setting("Sandbox:Acquirer:KlarnaApiKey");

    public string AcquirerWebhookSecret => Setting("Acquirer:WebhookSecret");

    public string AcquirerApiKey => Setting("Acquirer:ApiKey");

    public string ClientId => Setting("Klarna:ClientId");

    public KeyValuePair<string, string> SigningKey
    {
        get
        {
            var key = _app.Configuration.GetSection("Klarna:WebhookSigningKeys").GetChildren().First();
            return new(key.Key, key.Value!);
        }
    }

    public IConfiguration Configuration => _app.Configuration;

    public static readonly string[] EveryEventType =
    [
        "payment.request.state-change.submitted", "payment.request.state-change.in-progress",
        "payment.request.state-change.completed", "payment.request.state-change.declined",
        "payment.request.state-change.canceled", "payment.request.state-change.expired",
    ];

    /// <summary>
    /// With <paramref name="everyEvent"/> (the emulator's own tests watch every state change) the default registration
    /// subscribes to every event type; without it, to what the sandbox registers by default.
    /// </summary>
    public static async Task<SandboxHost> StartAsync(
        IDictionary<string, string?>? settings = null, TimeProvider? time = null, string environment = "Development", bool everyEvent = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Logging.ClearProviders();
        builder.Configuration["Sandbox:Enabled"] = "true";
        builder.Configuration["Sandbox:Klarna:WebhookRetryDelays:0"] = "00:00:00.050";
        builder.Configuration["Sandbox:Klarna:WebhookRetryDelays:1"] = "00:00:00.050";
        builder.Configuration["Sandbox:Acquirer:CallbackRetryDelays:0"] = "00:00:00.050";
        builder.Configuration["Sandbox:Acquirer:CallbackRetryDelays:1"] = "00:00:00.050";
        if (everyEvent)
        {
            for (var i = 0; i < EveryEventType.Length; i++)
            {
                builder.Configuration[$"Sandbox:Klarna:WebhookEventTypes:{i}"] = EveryEventType[i];
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var traffic = new KlarnaTraffic();
        builder.Services.AddHttpClient(KlarnaTraffic.AcquirerClientName).AddHttpMessageHandler(() => new KlarnaTrafficHandler(traffic));
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.AddCheckoutSandbox();
        var app = builder.Build();
        app.MapCheckoutSandbox();
        SandboxHost? host = null;
        app.MapPost("/api/webhooks/klarna", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var attempt = Interlocked.Increment(ref host!._webhookAttempts);
            host.Webhooks.Enqueue(new ReceivedWebhook(
                buffer.ToArray(),
                request.Headers["Klarna-Signing-Key-Id"].ToString(),
                request.Headers["Klarna-Signature"].ToString(),
                request.ContentType));
            return Results.StatusCode(host.WebhookStatus(attempt));
        });
        app.MapPost("/api/webhooks/acquirer", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var attempt = Interlocked.Increment(ref host!._callbackAttempts);
            host.Callbacks.Enqueue(new ReceivedCallback(buffer.ToArray(), request.Headers["Acquirer-Signature"].ToString()));
            return Results.StatusCode(host.CallbackStatus(attempt));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        host = new SandboxHost(app, new Uri(address), traffic);
        return host;
    }

    public HttpRequestMessage Klarna(HttpMethod method, string path, object? body = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(method, $"/sandbox/klarna{path}");
        request.Headers.TryAddWithoutValidation("Authorization", $"Basic {apiKey ?? KlarnaApiKey}");
        if (body is not null)
        {
            request.Content = body as HttpContent ?? Json(body);
        }

        return request;
    }

    public static StringContent Json(object body) => new(
        body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public async Task<ReceivedWebhook[]> WaitForWebhooksAsync(Func<ReceivedWebhook[], bool> enough, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var received = Webhooks.ToArray();
            if (enough(received))
            {
                return received;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"Webhooks did not arrive in time; got: {string.Join(", ", received.Select(webhook => webhook.EventType))}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string Setting(string key) => _app.Configuration[key] ?? throw new InvalidOperationException($"{key} is not set.");
}
