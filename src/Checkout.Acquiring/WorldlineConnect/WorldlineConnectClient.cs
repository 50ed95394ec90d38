namespace Checkout.Acquiring.WorldlineConnect;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

/// <summary>
/// Worldline Connect as the acquiring partner: Klarna is payment product 838, authorized with Klarna's
/// interoperability token. Requests are signed by <see cref="GcsV1HmacHandler"/> in the client's pipeline.
/// </summary>
public sealed class WorldlineConnectClient(HttpClient http, IOptions<AcquirerOptions> options) : IAcquirer
{
    public const string IdempotencyKeyHeader = "X-GCS-Idempotence-Key";
    public const int KlarnaPaymentProductId = 838;

    public async Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        using var message = new HttpRequestMessage(HttpMethod.Post, $"v1/{Uri.EscapeDataString(settings.MerchantId ?? "")}/payments")
        {
            Content = JsonBody(BodyOf(request, settings.ReturnUrl)),
        };
        message.Headers.Add(IdempotencyKeyHeader, request.IdempotencyKey);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await AcquirerTransport.SendAsync(http, message, cancellationToken);

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var created = await ReadAsync<CreatePaymentResponse>(response, cancellationToken);
                return ResultOf(created.Payment);
            }
            if (status is >= 400 and < 500)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                if (error?.PaymentResult?.Payment is { Status: WorldlinePaymentStatus.Rejected } rejected)
                {
                    return ResultOf(rejected);
                }
                throw new AcquirerUnavailableException($"Worldline answered {status}: {Describe(error)}");
            }
            throw new AcquirerUnavailableException($"Worldline answered {status}.");
        }
    }

    private static CreatePaymentRequest BodyOf(AuthorizationRequest request, string? returnUrl) => new(
        new Order(
            new AmountOfMoney(request.Amount.MinorUnits, request.Amount.Currency.Code),
            new OrderReferences(request.Reference)),
        new RedirectPaymentMethodSpecificInput(
            KlarnaPaymentProductId,
            new PaymentProduct838SpecificInput(request.InteroperabilityToken, InteroperabilityData: null),
            string.IsNullOrWhiteSpace(returnUrl) ? null : new RedirectionData(returnUrl)));

    // Exactly "application/json": the Content-Type is part of the signed string, so no charset parameter.
    private static ByteArrayContent JsonBody(CreatePaymentRequest body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WorldlineJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static AuthorizationResult ResultOf(Payment? payment)
    {
        if (payment?.Id is not { Length: > 0 } id)
        {
            throw new AcquirerUnavailableException("Worldline's answer has no payment.id.");
        }
        var status = WorldlinePaymentStatus.ToAuthorizationStatus(payment.Status)
            ?? throw new AcquirerUnavailableException($"Worldline answered an unknown payment status '{payment.Status}' for payment {id}.");
        return new AuthorizationResult(status, id, NetworkResponseData: null);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(WorldlineJson.Options, cancellationToken)
                ?? throw new AcquirerUnavailableException("Worldline answered with an empty body.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new AcquirerUnavailableException("Worldline's answer is not the JSON expected.", e);
        }
    }

    private static async Task<ErrorResponse?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ErrorResponse>(WorldlineJson.Options, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private static string Describe(ErrorResponse? error)
    {
        if (error is null)
        {
            return "no readable error body.";
        }
        var first = error.Errors is { Count: > 0 } errors ? errors[0] : null;
        var property = first?.PropertyName is { Length: > 0 } name ? $" ({name})" : "";
        return $"{first?.Code ?? "no code"} {first?.Message}{property}, error id {error.ErrorId ?? "none"}.";
    }
}
