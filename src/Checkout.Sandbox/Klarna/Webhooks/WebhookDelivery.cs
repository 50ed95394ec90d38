using System.Net.Http.Headers;
using Checkout.Sandbox.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.Webhooks;

/// <summary>Posts one signed event, retrying the same bytes after each configured delay until a 2xx.</summary>
internal sealed partial class WebhookDelivery(
    IHttpClientFactory httpClients,
    IOptions<SandboxOptions> options,
    TimeProvider time,
    ILogger<WebhookDelivery> logger)
{
    public const string HttpClientName = "sandbox-webhooks";

    public async Task DeliverAsync(WebhookEvent webhook, CancellationToken cancellationToken)
    {
        var klarna = options.Value.Klarna;
        var delays = klarna.WebhookRetryDelays ?? SandboxKlarnaOptions.DefaultWebhookRetryDelays;
        var signature = WebhookSignature.Compute(webhook.Target.SigningKey, webhook.Body);
        using var span = EmulatorTelemetry.StartDelivery("klarna.webhook.deliver", webhook.Cause, webhook.Url, webhook.EventId, webhook.Trigger);
        span?.SetTag("klarna.event_type", webhook.EventType);
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TrySendAsync(webhook, webhook.Target.SigningKeyId, signature, cancellationToken);
            if (failure is null)
            {
                LogDelivered(webhook.EventType, webhook.EventId, webhook.Url, attempt);
                return;
            }

            if (attempt > delays.Length)
            {
                LogGaveUp(webhook.EventType, webhook.EventId, webhook.Url, attempt, failure);
                return;
            }

            LogRetrying(webhook.EventType, webhook.EventId, webhook.Url, attempt, failure, delays[attempt - 1]);
            await Task.Delay(delays[attempt - 1], time, cancellationToken);
        }
    }

    private async Task<string?> TrySendAsync(
        WebhookEvent webhook, string keyId, string signature, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url);
            request.Content = new ByteArrayContent(webhook.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookSignature.KeyIdHeader, keyId);
            request.Headers.Add(WebhookSignature.SignatureHeader, signature);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return exception.GetType().Name + ": " + exception.Message;
        }
    }

    [LoggerMessage(LogLevel.Information, "Sandbox webhook {EventType} {WebhookEventId} delivered to {Url} on attempt {Attempt}")]
    private partial void LogDelivered(string eventType, string webhookEventId, Uri url, int attempt);

    [LoggerMessage(LogLevel.Warning, "Sandbox webhook {EventType} {WebhookEventId} to {Url} failed on attempt {Attempt} ({Failure}); retrying in {Delay}")]
    private partial void LogRetrying(string eventType, string webhookEventId, Uri url, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(LogLevel.Error, "Sandbox webhook {EventType} {WebhookEventId} to {Url} given up after {Attempt} attempts ({Failure})")]
    private partial void LogGaveUp(string eventType, string webhookEventId, Uri url, int attempt, string failure);
}
