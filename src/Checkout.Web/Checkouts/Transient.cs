namespace Checkout.Web.Checkouts;

using Checkout.Klarna.PaymentRequests;
using Polly.CircuitBreaker;
using Polly.Timeout;

/// <summary>Failures that say "not now" rather than "no": the same call may succeed later.</summary>
public static class Transient
{
    public static bool IsTransient(Exception exception, CancellationToken requestAborted) => exception switch
    {
        HttpRequestException or TimeoutRejectedException or BrokenCircuitException => true,
        TaskCanceledException => !requestAborted.IsCancellationRequested,
        KlarnaApiException k => (int)k.StatusCode >= 500 || (int)k.StatusCode == 429,
        _ => false,
    };
}
