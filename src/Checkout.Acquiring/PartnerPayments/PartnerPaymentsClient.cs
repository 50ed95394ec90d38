namespace Checkout.Acquiring.PartnerPayments;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

/// <summary>
/// Seed 002's partner-facing API (<c>POST/GET {base}/v1/payments</c>): the acquirer runs Klarna's
/// tokenization and first charge for us, and hands back Klarna's purchase journey URL.
/// </summary>
public sealed class PartnerPaymentsClient(HttpClient http, IOptions<AcquirerOptions> options)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<PartnerPayment> CreateAsync(PartnerPaymentRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var message = NewRequest(HttpMethod.Post, "v1/payments");
        message.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        message.Content = JsonContent.Create(request, options: Json);
        return await SendAsync(message, cancellationToken)
            ?? throw new AcquirerUnavailableException("The acquirer answered the payment with no body.");
    }

    /// <summary>Reads a payment; null when the acquirer does not know it.</summary>
    public async Task<PartnerPayment?> GetAsync(string paymentId, CancellationToken cancellationToken)
    {
        using var message = NewRequest(HttpMethod.Get, "v1/payments/" + Uri.EscapeDataString(paymentId));
        return await SendAsync(message, cancellationToken);
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

    private HttpRequestMessage NewRequest(HttpMethod method, string path)
    {
        var message = new HttpRequestMessage(method, path);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.ApiKey);
        return message;
    }

    private async Task<PartnerPayment?> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var response = await AcquirerTransport.SendAsync(http, message, cancellationToken);
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound && message.Method == HttpMethod.Get)
            {
                return null;
            }
            if ((int)response.StatusCode is >= 400 and < 500)
            {
                throw new AcquirerRejectedException((int)response.StatusCode, await DetailOfAsync(response, cancellationToken));
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new AcquirerUnavailableException($"The acquirer answered {(int)response.StatusCode}.");
            }
            try
            {
                return await response.Content.ReadFromJsonAsync<PartnerPayment>(Json, cancellationToken);
            }
            catch (JsonException e)
            {
                throw new AcquirerUnavailableException("The acquirer's answer is not JSON.", e);
            }
        }
    }

    private static async Task<string?> DetailOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
