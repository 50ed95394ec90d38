namespace Checkout.Web.Infrastructure.Http;

using Checkout.Klarna.PaymentRequests;

/// <summary>
/// Failures that say "not now" rather than "no": the same call may succeed later. The resilience pipeline's
/// own timeouts and open circuits reach here as HttpClient's exceptions (<c>OutboundFailures</c>).
/// </summary>
public static class Transient
{
    public static bool IsTransient(Exception exception, CancellationToken requestAborted) => exception switch
    {
        HttpRequestException => true,
        TaskCanceledException => !requestAborted.IsCancellationRequested,
        KlarnaApiException k => (int)k.StatusCode >= 500 || (int)k.StatusCode == 429,
        _ => false,
    };
}
