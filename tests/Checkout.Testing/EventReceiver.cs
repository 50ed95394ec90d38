namespace Checkout.Testing;

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

/// <summary>What the store's receiver does with the next event.</summary>
public enum ReceiverBehaviour
{
    Accept,
    Answer500,

    /// <summary>Answers only after <see cref="EventReceiver.HangFor"/>, longer than the app's attempt timeout.</summary>
    Hang,
}

/// <summary>One POST the receiver got, and whether its Standard Webhooks signature verified.</summary>
public sealed record ReceivedEvent(string WebhookId, string Body, bool SignatureValid, ReceiverBehaviour Answered)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;

    /// <summary>When the event happened: events may arrive in any order, and a store orders them by this.</summary>
    public DateTimeOffset Timestamp => Json.GetProperty("timestamp").GetDateTimeOffset();

    public JsonElement Data => Json.GetProperty("data");
}

/// <summary>
/// The merchant store's event endpoint on real Kestrel, verifying every signature with the <c>StandardWebhooks</c>
/// package as a store would. It can be stopped and started again on the same port, answer 500, or hang.
/// </summary>
public sealed class EventReceiver : IAsyncDisposable
{
    /// <summary>A Standard Webhooks secret: whsec_ and 32 bytes in base64.</summary>
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/2MJ+BRCGqo=";

    private WebApplication? _app;

    public EventReceiver()
    {
        Port = Ports.Free();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/checkout-events";

    public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

    public Func<int, ReceiverBehaviour> Behaviour { get; set; } = _ => ReceiverBehaviour.Accept;

    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The settings that point the app at this receiver as endpoint <paramref name="name"/>.</summary>
    public Dictionary<string, string?> Settings(string name = "store", params string[] events)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Merchant:Webhooks:{name}:Url"] = Url,
            [$"Merchant:Webhooks:{name}:Secret"] = Secret,
            ["Merchant:EventDelivery:PollInterval"] = "00:00:00.050",
        };
        for (var i = 0; i < events.Length; i++)
        {
            settings[$"Merchant:Webhooks:{name}:Events:{i}"] = events[i];
        }
        return settings;
    }

    /// <summary>The events accepted (2xx) with a valid signature, once per webhook-id.</summary>
    public IReadOnlyList<ReceivedEvent> Delivered =>
        [.. Received.Where(r => r.Answered == ReceiverBehaviour.Accept && r.SignatureValid).DistinctBy(r => r.WebhookId)];

    public static async Task<EventReceiver> StartAsync()
    {
        var receiver = new EventReceiver();
        await receiver.StartAgainAsync();
        return receiver;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        var webhook = new StandardWebhook(Secret);
        app.MapPost("/checkout-events", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            bool valid;
            try
            {
                webhook.Verify(body, request.Headers);
                valid = true;
            }
            catch (Exception)
            {
                valid = false;
            }
            var behaviour = Behaviour(Received.Count + 1);
            Received.Enqueue(new ReceivedEvent(request.Headers["webhook-id"].ToString(), body, valid, behaviour));
            if (behaviour == ReceiverBehaviour.Hang)
            {
                await Task.Delay(HangFor);
            }
            return behaviour == ReceiverBehaviour.Answer500 ? Results.StatusCode(500) : valid ? Results.NoContent() : Results.BadRequest();
        });
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Takes the receiver down: nothing listens on its port until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds of what was received.</summary>
    public Task WaitForAsync(Func<IReadOnlyCollection<ReceivedEvent>, bool> condition) =>
        Eventually.MatchesAsync(
            "the receiver to get what the test expects",
            () => (IReadOnlyCollection<ReceivedEvent>)[.. Received],
            condition);

    public ValueTask DisposeAsync() => new(StopAsync());
}
