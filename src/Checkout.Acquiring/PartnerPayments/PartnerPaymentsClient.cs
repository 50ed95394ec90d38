namespace Checkout.Acquiring.PartnerPayments;

using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

/// <summary>
/// The partner-facing API (<c>POST/GET {base}/v1/payments</c>): the acquirer runs Klarna's
/// tokenization and first charge for us, and hands back Klarna's purchase journey URL.
/// </summary>
public sealed class PartnerPaymentsClient(IPartnerPaymentsApi api)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<PartnerPayment> CreateAsync(PartnerPaymentRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => api.CreateAsync(request, idempotencyKey, cancellationToken), cancellationToken);
        return Read(response) ?? throw new AcquirerUnavailableException("The acquirer answered the payment with no body.");
    }

    /// <summary>Reads a payment; null when the acquirer does not know it.</summary>
    public async Task<PartnerPayment?> GetAsync(string paymentId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => api.ReadAsync(paymentId, cancellationToken), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : Read(response) ?? throw new AcquirerUnavailableException("The acquirer answered the read with no body.");
    }

    public static PartnerPayment? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<PartnerPayment>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<IApiResponse<PartnerPayment>> SendAsync(
        Func<Task<IApiResponse<PartnerPayment>>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (AcquirerTransport.IsUnreachable(e, cancellationToken))
        {
            throw AcquirerTransport.Unreachable(e);
        }
    }

    private static PartnerPayment? Read(IApiResponse<PartnerPayment> response)
    {
        var status = (int)response.StatusCode.GetValueOrDefault();
        if (status is >= 400 and < 500)
        {
            throw new AcquirerRejectedException(status, TokenChargeAnswer.ProblemDetail((response.Error as ApiException)?.Content));
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new AcquirerUnavailableException($"The acquirer answered {status}.");
        }
        if (response.Error?.InnerException is JsonException malformed)
        {
            throw new AcquirerUnavailableException("The acquirer's answer is not JSON.", malformed);
        }
        return response.Content;
    }
}
