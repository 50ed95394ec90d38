using Checkout.Sandbox.Klarna.PaymentRequests;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.Notifications;

/// <summary>Where one event goes, under which registration and signed with which key.</summary>
internal sealed record WebhookTarget(string WebhookId, Uri Url, string SigningKeyId, string SigningKey);

/// <summary>
/// The merchant's payment requests go to the registrations subscribed to the event type. Requests the acquirer
/// created through Payment Authorize belong to the acquirer's Klarna account, whose one implicit registration
/// takes every event at the acquirer's receiver.
/// </summary>
internal sealed class WebhookRouting(NotificationRegistry registry, IOptions<SandboxOptions> options)
{
    public const string AcquirerWebhookId = "krn:partner:global:notification:webhook:sandbox-acquirer";

    public IReadOnlyList<WebhookTarget> TargetsFor(PaymentRequestRecord record, string eventType)
    {
        if (record.ViaPaymentAuthorize)
        {
            var klarna = options.Value.Klarna;
            return [new WebhookTarget(AcquirerWebhookId, record.WebhookUrl, klarna.SigningKeyId, klarna.SigningKey)];
        }

        return [.. registry.Subscribers(eventType).Select(subscriber => new WebhookTarget(
            subscriber.Webhook.WebhookId,
            subscriber.Webhook.Url is { } url ? new Uri(url) : record.WebhookUrl,
            subscriber.Key.SigningKeyId,
            subscriber.Key.Secret))];
    }
}
