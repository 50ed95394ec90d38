namespace Checkout.Klarna.PaymentRequests;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

/// <summary>Klarna's Payment Request API. The base address and resilience come from the HttpClient's registration.</summary>
public sealed class KlarnaPaymentRequestsClient(HttpClient http, IOptions<KlarnaOptions> options)
{
    public const string IdempotencyKeyHeader = "Klarna-Idempotency-Key";
    public const string SessionTokenHeader = "Klarna-Network-Session-Token";

    public async Task<PaymentRequestRead> CreateAsync(
        PaymentRequestBody body, string idempotencyKey, string? networkSessionToken, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Post, "v2/payment/requests");
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        if (!string.IsNullOrWhiteSpace(networkSessionToken))
        {
            request.Headers.Add(SessionTokenHeader, networkSessionToken);
        }
        request.Content = JsonContent.Create(body, options: KlarnaJson.Options);
        return await SendAsync(request, cancellationToken) ?? throw new KlarnaApiException("Klarna answered the payment request with no body.");
    }

    /// <summary>Reads a payment request; null when Klarna does not know it.</summary>
    public async Task<PaymentRequestRead?> GetAsync(string paymentRequestId, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, PathOf(paymentRequestId));
        try
        {
            return await SendAsync(request, cancellationToken);
        }
        catch (KlarnaApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Cancels a request still waiting for the shopper. Throws with 409 when it is already final.</summary>
    public async Task<PaymentRequestRead?> CancelAsync(string paymentRequestId, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Delete, PathOf(paymentRequestId));
        return await SendAsync(request, cancellationToken);
    }

    private static string PathOf(string paymentRequestId) => "v2/payment/requests/" + Uri.EscapeDataString(paymentRequestId);

    private HttpRequestMessage NewRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", options.Value.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task<PaymentRequestRead?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response.Content.Headers.ContentLength == 0
                ? null
                : await response.Content.ReadFromJsonAsync<PaymentRequestRead>(KlarnaJson.Options, cancellationToken);
        }
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        throw new KlarnaApiException(response.StatusCode, KlarnaErrorReader.Read(body), CorrelationIdOf(response));
    }

    private static string? CorrelationIdOf(HttpResponseMessage response) =>
        KlarnaErrorReader.CorrelationIdHeaders
            .Select(name => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
