namespace Checkout.ScaleOut.Tests;

using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Checkout.Klarna.Webhooks;
using Microsoft.AspNetCore.Http;

/// <summary>One delivery as Klarna signed it: the raw body and its signature headers.</summary>
public sealed record SignedWebhook(byte[] Body, string KeyId, string Signature);

/// <summary>Takes the sandbox's webhooks and delivers each, unchanged, to every app instance concurrently.</summary>
internal sealed class WebhookRelay(IHttpClientFactory httpClients)
{
    public const string Path = "/relay/klarna-webhooks";
    public const string HttpClientName = "relay";

    public IReadOnlyList<Uri> Targets { get; set; } = [];

    public ConcurrentQueue<SignedWebhook> Received { get; } = new();

    public async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var webhook = new SignedWebhook(
            buffer.ToArray(),
            request.Headers[WebhookSignatureVerifier.KeyIdHeader].ToString(),
            request.Headers[WebhookSignatureVerifier.SignatureHeader].ToString());
        Received.Enqueue(webhook);
        var statuses = await DeliverToAllAsync(httpClients.CreateClient(HttpClientName), Targets, webhook);
        // Acknowledged only when every instance took it; otherwise the sandbox sends it again.
        return Results.StatusCode(statuses.All(s => s is >= 200 and < 300) ? 200 : 503);
    }

    public static async Task<int[]> DeliverToAllAsync(HttpClient http, IReadOnlyList<Uri> targets, SignedWebhook webhook) =>
        await Task.WhenAll(targets.Select(async target =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "api/webhooks/klarna"))
            {
                Content = new ByteArrayContent(webhook.Body),
            };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.Add(WebhookSignatureVerifier.KeyIdHeader, webhook.KeyId);
            message.Headers.Add(WebhookSignatureVerifier.SignatureHeader, webhook.Signature);
            try
            {
                using var response = await http.SendAsync(message);
                return (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return 0;
            }
        }));
}
