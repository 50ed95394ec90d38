namespace Checkout.Acquiring.WorldlineConnect;

using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

/// <summary>
/// Dates and signs every attempt just before it leaves, so a retry after a long back-off still carries
/// a fresh Date. Sits inside the resilience handler.
/// </summary>
public sealed class GcsV1HmacHandler(IOptions<AcquirerOptions> options, TimeProvider clock) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var signer = new GcsV1HmacSigner(settings.ApiKeyId ?? "", settings.SecretApiKey ?? "");
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException("Worldline requests are signed once the HttpClient has made their URI absolute.");

        request.Headers.Date = clock.GetUtcNow();
        var date = request.Headers.GetValues("Date").Single();
        var headers = request.Headers.Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value)));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            GcsV1HmacSigner.Scheme,
            signer.ParameterFor(request.Method.Method, request.Content?.Headers.ContentType?.ToString(), date, headers, uri.AbsolutePath + uri.Query));
        return base.SendAsync(request, cancellationToken);
    }
}
