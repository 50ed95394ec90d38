namespace Checkout.ScaleOut.Tests;

using System.Collections.Concurrent;

/// <summary>One POST of a merchant event an app instance made (by the event's <c>webhook-id</c>), and the status it got.</summary>
public sealed record EventSend(string Instance, string WebhookId, int? Status);

public sealed class EventSends
{
    public ConcurrentQueue<EventSend> All { get; } = new();
}

/// <summary>Records every POST on the app's event delivery client, answered or not.</summary>
internal sealed class EventSendRecorder(EventSends sends, string instance) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var webhookId = request.Headers.TryGetValues("webhook-id", out var values) ? values.Single() : "";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            sends.All.Enqueue(new EventSend(instance, webhookId, (int)response.StatusCode));
            return response;
        }
        catch (Exception)
        {
            sends.All.Enqueue(new EventSend(instance, webhookId, null));
            throw;
        }
    }
}
