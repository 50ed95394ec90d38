namespace Checkout.Benchmarks.Events;

using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

/// <summary>
/// The store's event endpoint for the event delivery run: a slim Kestrel in the benchmark's own process that verifies
/// each Standard Webhooks signature, as a store would, counts every POST by its <c>webhook-id</c> and answers 204.
/// </summary>
public sealed class LocalReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _invalid;

    private LocalReceiver(WebApplication app, int port, string secret)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/events";
        Secret = secret;
    }

    public string Url { get; }

    /// <summary>A fresh <c>whsec_</c> secret for this run.</summary>
    public string Secret { get; }

    /// <summary>POSTs received per <c>webhook-id</c> (with a valid signature).</summary>
    public ConcurrentDictionary<string, int> Received { get; } = new(StringComparer.Ordinal);

    public long Invalid => Interlocked.Read(ref _invalid);

    public long Posts => Received.Values.Sum(count => (long)count);

    public static async Task<LocalReceiver> StartAsync()
    {
        var port = Repo.FreePort();
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new LocalReceiver(app, port, secret);
        var webhook = new StandardWebhook(secret);
        app.MapPost("/events", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            try
            {
                webhook.Verify(body, request.Headers);
            }
            catch (WebhookVerificationException)
            {
                Interlocked.Increment(ref receiver._invalid);
                return Results.BadRequest();
            }
            receiver.Received.AddOrUpdate(request.Headers["webhook-id"].ToString(), 1, (_, count) => count + 1);
            return Results.NoContent();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
