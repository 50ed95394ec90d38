using System.Text.Json;
using System.Threading.Channels;
using Checkout.Sandbox.Common;
using Checkout.Sandbox.Klarna.PaymentRequests;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.Webhooks;

internal sealed class WebhookQueue(TimeProvider time, IOptions<SandboxOptions> options)
{
    private const string SubjectAccountId = "krn:partner:global:account:test:SANDBOX1";
    private const string ProductInstanceId = "krn:partner:product:payment:sandbox";
    private const string WebhookId = "krn:partner:global:notification:webhook:sandbox";

    private readonly Channel<WebhookEvent> _channel = Channel.CreateUnbounded<WebhookEvent>(
        new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<WebhookEvent> Reader => _channel.Reader;

    /// <summary>Call under the record's lock, right after its state changed.</summary>
    public void Enqueue(PaymentRequestRecord record)
    {
        var eventId = Guid.NewGuid().ToString();
        var eventType = $"payment.request.state-change.{PaymentRequestState.EventSuffix(record.State)}";
        var metadata = new WebhookMetadata(
            eventType,
            eventId,
            "v2",
            time.GetUtcNow().UtcDateTime,
            Guid.NewGuid().ToString(),
            SubjectAccountId,
            SubjectAccountId,
            ProductInstanceId,
            WebhookId,
            Live: false);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new WebhookEnvelope(metadata, PaymentRequestView.Of(record).ForWebhook(options.Value.Klarna.WebhookTokenPlacement)),
            SandboxJson.SnakeCase);
        _channel.Writer.TryWrite(new WebhookEvent(record.Id, eventId, eventType, record.WebhookUrl, body));
    }
}
