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

namespace Checkout.Emulator.Tests;

internal sealed record ReceivedCallback(byte[] Body, string? Signature)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}

internal sealed record ReceivedWebhook(byte[] Body, string? KeyId, string? Signature, string? ContentType, string? TraceParent = null)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string EventType => Json["metadata"]!["event_type"]!.GetValue<string>();

    public string EventId => Json["metadata"]!["event_id"]!.GetValue<string>();
}

/// <summary>The sandbox on a real Kestrel port, with a webhook receiver standing in for the merchant app.</summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    private readonly EmulatorHost _emulator;
    private int _webhookAttempts;
    private int _callbackAttempts;

    private SandboxHost(EmulatorHost emulator, Uri address, KlarnaTraffic traffic)
    {
        _emulator = emulator;
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

    public string KlarnaApiKey => _emulator.Keys.KlarnaApiKey;

    public string AcquirerKlarnaApiKey => Setting("Sandbox:Acquirer:KlarnaApiKey");

    public string AcquirerWebhookSecret => _emulator.Keys.AcquirerWebhookSecret;

    public string AcquirerApiKey => _emulator.Keys.AcquirerApiKey;

    public string ClientId => _emulator.Keys.ClientId;

    public KeyValuePair<string, string> SigningKey => new(_emulator.Keys.SigningKeyId, _emulator.Keys.SigningKey);

    public IConfiguration Configuration => _emulator.Configuration;

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
    public static Task<SandboxHost> StartAsync(
        IDictionary<string, string?>? settings = null, TimeProvider? time = null, string environment = "Development", bool everyEvent = true)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Sandbox:Klarna:WebhookRetryDelays:0"] = "00:00:00.050",
            ["Sandbox:Klarna:WebhookRetryDelays:1"] = "00:00:00.050",
            ["Sandbox:Acquirer:CallbackRetryDelays:0"] = "00:00:00.050",
            ["Sandbox:Acquirer:CallbackRetryDelays:1"] = "00:00:00.050",
        };
        if (everyEvent)
        {
            for (var i = 0; i < EveryEventType.Length; i++)
            {
                configuration[$"Sandbox:Klarna:WebhookEventTypes:{i}"] = EveryEventType[i];
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var traffic = new KlarnaTraffic();
        SandboxHost? host = null;
        var port = Ports.Free();
        var emulator = EmulatorHost.Start(new EmulatorHostOptions
        {
            Keys = null,
            Port = port,
            // The receivers below stand in for the merchant app, on the emulator's own host.
            KlarnaWebhookUrl = new Uri($"http://127.0.0.1:{port}/api/webhooks/klarna"),
            AcquirerCallbackUrl = new Uri($"http://127.0.0.1:{port}/api/webhooks/acquirer"),
            Settings = configuration,
            Environment = environment,
            Services = services =>
            {
                if (time is not null)
                {
                    services.AddSingleton(time);
                }

                services.AddHttpClient(KlarnaTraffic.AcquirerClientName).AddHttpMessageHandler(() => new KlarnaTrafficHandler(traffic));
            },
            Map = app =>
            {
                app.MapPost("/api/webhooks/klarna", async (HttpRequest request) =>
                {
                    using var buffer = new MemoryStream();
                    await request.Body.CopyToAsync(buffer);
                    var attempt = Interlocked.Increment(ref host!._webhookAttempts);
                    host.Webhooks.Enqueue(new ReceivedWebhook(
                        buffer.ToArray(),
                        request.Headers["Klarna-Signing-Key-Id"].ToString(),
                        request.Headers["Klarna-Signature"].ToString(),
                        request.ContentType,
                        request.Headers["traceparent"].ToString()));
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
            },
        });
        host = new SandboxHost(emulator, emulator.Root, traffic);
        return Task.FromResult(host);
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

    public Task<ReceivedWebhook[]> WaitForWebhooksAsync(Func<ReceivedWebhook[], bool> enough, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync("the webhooks the test expects", () => Webhooks.ToArray(), enough, timeout);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _emulator.DisposeAsync();
    }

    private string Setting(string key) => _emulator.Configuration[key] ?? throw new InvalidOperationException($"{key} is not set.");
}
