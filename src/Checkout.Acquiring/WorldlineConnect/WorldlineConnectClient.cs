namespace Checkout.Acquiring.WorldlineConnect;

using System.Text.Json;
using Microsoft.Extensions.Options;
using Refit;

/// <summary>
/// Worldline Connect as the acquiring partner: Klarna is payment product 838, authorized with Klarna's
/// interoperability token. Requests are signed by <see cref="GcsV1HmacHandler"/> in the client's pipeline.
/// </summary>
public sealed class WorldlineConnectClient(IWorldlineConnectApi api, IOptions<AcquirerOptions> options) : IAcquirer
{
    public const string IdempotencyKeyHeader = "X-GCS-Idempotence-Key";
    public const int KlarnaPaymentProductId = 838;

    public async Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        IApiResponse<CreatePaymentResponse> response;
        try
        {
            response = await api.CreatePaymentAsync(
                settings.MerchantId ?? "", BodyOf(request, settings.ReturnUrl), request.IdempotencyKey, cancellationToken);
        }
        catch (Exception e) when (AcquirerTransport.IsUnreachable(e, cancellationToken))
        {
            throw AcquirerTransport.Unreachable(e);
        }

        using (response)
        {
            var status = (int)response.StatusCode.GetValueOrDefault();
            if (response.IsSuccessStatusCode)
            {
                return ResultOf(Created(response).Payment);
            }
            if (status is >= 400 and < 500)
            {
                var error = ErrorOf((response.Error as ApiException)?.Content);
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

    private static CreatePaymentResponse Created(IApiResponse<CreatePaymentResponse> response)
    {
        if (response.Error?.InnerException is { } malformed and (JsonException or NotSupportedException))
        {
            throw new AcquirerUnavailableException("Worldline's answer is not the JSON expected.", malformed);
        }
        return response.Content ?? throw new AcquirerUnavailableException("Worldline answered with an empty body.");
    }

    private static ErrorResponse? ErrorOf(string? body)
    {
        try
        {
            return string.IsNullOrEmpty(body) ? null : JsonSerializer.Deserialize<ErrorResponse>(body, WorldlineJson.Options);
        }
        catch (JsonException)
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
