using Checkout.Sandbox.Common;

namespace Checkout.Sandbox.Klarna.Webhooks;

/// <summary>Delivers queued webhooks; events of one payment request go in order to each registration.</summary>
internal sealed class WebhookSender(WebhookQueue queue, WebhookDelivery delivery)
    : InOrderSender<(Guid, string), WebhookEvent>(queue.Reader, webhook => (webhook.PaymentRequestId, webhook.Target.WebhookId))
{
    protected override Task DeliverAsync(WebhookEvent item, CancellationToken cancellationToken) =>
        delivery.DeliverAsync(item, cancellationToken);
}
