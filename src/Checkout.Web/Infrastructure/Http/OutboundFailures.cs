namespace Checkout.Web.Infrastructure.Http;

using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

/// <summary>
/// Refit settings for every outbound client: our own JSON options, and the pipeline's own failures reported as
/// HttpClient's (a timeout as a <see cref="TaskCanceledException"/>, an open circuit as an
/// <see cref="HttpRequestException"/>), so every client keeps treating them as "not now, try later".
/// </summary>
public static class OutboundFailures
{
    public static RefitSettings SettingsFor(JsonSerializerOptions json) => new(new SystemTextJsonContentSerializer(json))
    {
        TransportExceptionFactory = (request, exception, _) => AsHttpFailure(request, exception),
    };

    public static Exception AsHttpFailure(HttpRequestMessage request, Exception exception) => exception switch
    {
        TimeoutRejectedException timeout => new TaskCanceledException(timeout.Message, new TimeoutException(timeout.Message, timeout)),
        BrokenCircuitException open => new HttpRequestException($"Calls to {request.RequestUri?.Host} are paused after repeated failures.", open),
        _ => exception,
    };
}
