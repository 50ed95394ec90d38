using Microsoft.Extensions.Hosting;

namespace Checkout.Sandbox.Klarna.Webhooks;

/// <summary>
/// Reads the queue and delivers; events of one payment request go one after another, in order,
/// while different requests do not wait for each other's retries.
/// </summary>
internal sealed class WebhookSender(WebhookQueue queue, WebhookDelivery delivery) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tails = new Dictionary<Guid, Task>();
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (queue.Reader.TryRead(out var webhook))
                {
                    tails.TryGetValue(webhook.PaymentRequestId, out var previous);
                    tails[webhook.PaymentRequestId] = DeliverAfterAsync(previous, webhook, stoppingToken);
                }

                foreach (var finished in tails.Where(pair => pair.Value.IsCompleted).Select(pair => pair.Key).ToList())
                {
                    tails.Remove(finished);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAfterAsync(Task? previous, WebhookEvent webhook, CancellationToken stoppingToken)
    {
        if (previous is not null)
        {
            await previous;
        }

        try
        {
            await delivery.DeliverAsync(webhook, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
