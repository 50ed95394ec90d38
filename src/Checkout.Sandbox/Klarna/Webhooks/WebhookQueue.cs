using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Checkout.Sandbox.Common;
using Checkout.Sandbox.Klarna.Notifications;
using Checkout.Sandbox.Klarna.PaymentRequests;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.Webhooks;

internal sealed class WebhookQueue(TimeProvider time, WebhookRouting routing, IOptions<SandboxOptions> options)
{
    private const string SubjectAccountId = "krn:partner:global:account:test:SANDBOX1";
    private const string ProductInstanceId = "krn:partner:product:payment:sandbox";

    private readonly Channel<WebhookEvent> _channel = Channel.CreateUnbounded<WebhookEvent>(
        new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<WebhookEvent> Reader => _channel.Reader;

    /// <summary>Call under the record's lock, right after its state changed.</summary>
    public void Enqueue(PaymentRequestRecord record)
    {
        var eventId = Guid.NewGuid().ToString();
        var eventType = $"payment.request.state-change.{PaymentRequestState.EventSuffix(record.State)}";
        var correlationId = Guid.NewGuid().ToString();
        foreach (var target in routing.TargetsFor(record, eventType))
        {
            var metadata = new WebhookMetadata(
                eventType,
                eventId,
                "v2",
                time.GetUtcNow().UtcDateTime,
                correlationId,
                SubjectAccountId,
                SubjectAccountId,
                ProductInstanceId,
                target.WebhookId,
                Live: false);
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new WebhookEnvelope(metadata, PaymentRequestView.Of(record).ForWebhook(options.Value.Klarna.WebhookTokenPlacement)),
                SandboxJson.SnakeCase);
            var trigger = Activity.Current?.Context ?? default;
            var cause = record.CreatedUnder == default ? trigger : record.CreatedUnder;
            _channel.Writer.TryWrite(new WebhookEvent(record.Id, eventId, eventType, target, body, cause, trigger));
        }
    }
}
