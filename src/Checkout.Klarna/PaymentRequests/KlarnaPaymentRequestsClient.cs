namespace Checkout.Klarna.PaymentRequests;

using System.Net;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using Refit;

/// <summary>
/// Klarna's Payment Request API in our terms: a refusal is a <see cref="KlarnaApiException"/> with Klarna's ids,
/// a read of an unknown request is null. Base address, key and resilience come from the client's registration.
/// </summary>
public sealed class KlarnaPaymentRequestsClient(IKlarnaPaymentRequestsApi api)
{
    public const string IdempotencyKeyHeader = "Klarna-Idempotency-Key";
    public const string SessionTokenHeader = "Klarna-Network-Session-Token";

    public async Task<PaymentRequestRead> CreateAsync(
        PaymentRequestBody body, string idempotencyKey, string? networkSessionToken, CancellationToken cancellationToken)
    {
        var sessionToken = string.IsNullOrWhiteSpace(networkSessionToken) ? null : networkSessionToken;
        using var response = await api.CreateAsync(body, idempotencyKey, sessionToken, cancellationToken);
        return Read(response) ?? throw new KlarnaApiException("Klarna answered the payment request with no body.");
    }

    /// <summary>Reads a payment request; null when Klarna does not know it.</summary>
    public async Task<PaymentRequestRead?> GetAsync(string paymentRequestId, CancellationToken cancellationToken)
    {
        using var response = await api.ReadAsync(paymentRequestId, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : Read(response);
    }

    /// <summary>Cancels a request still waiting for the shopper. Throws with 409 when it is already final.</summary>
    public async Task<PaymentRequestRead?> CancelAsync(string paymentRequestId, CancellationToken cancellationToken)
    {
        using var response = await api.CancelAsync(paymentRequestId, cancellationToken);
        return Read(response);
    }

    /// <summary>The body of a success (null when empty); otherwise Klarna's error, read field by field.</summary>
    private static PaymentRequestRead? Read(IApiResponse<PaymentRequestRead> response)
    {
        if (response.IsSuccessStatusCode)
        {
            // A success whose body is not the JSON expected fails as the JSON reader reports it, as before Refit.
            if (response.Error?.InnerException is JsonException malformed)
            {
                ExceptionDispatchInfo.Throw(malformed);
            }
            return response.Content;
        }
        var body = (response.Error as ApiException)?.Content is { Length: > 0 } text ? Encoding.UTF8.GetBytes(text) : [];
        throw new KlarnaApiException(response.StatusCode.GetValueOrDefault(), KlarnaErrorReader.Read(body), CorrelationIdOf(response));
    }

    private static string? CorrelationIdOf(IApiResponse response)
    {
        foreach (var name in KlarnaErrorReader.CorrelationIdHeaders)
        {
            if (response.Headers is { } headers && headers.TryGetValues(name, out var values) && values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } value)
            {
                return value;
            }
        }
        return null;
    }
}
