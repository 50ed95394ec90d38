namespace Checkout.Acquiring.Generic;

using System.Text.Json;
using Refit;

/// <summary>The generic acquirer's shape, answered in the partner-facing form.</summary>
public sealed class GenericAcquirerClient(IGenericAcquirerApi api) : IAcquirer
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new GenericPaymentRequest(
            request.Amount.MinorUnits,
            request.Amount.Currency.Code,
            request.Reference,
            new GenericPaymentMethods(new GenericKlarnaMethod(request.InteroperabilityToken)));

        IApiResponse<GenericPaymentResponse> response;
        try
        {
            response = await api.AuthorizeAsync(body, request.IdempotencyKey, cancellationToken);
        }
        catch (Exception e) when (AcquirerTransport.IsUnreachable(e, cancellationToken))
        {
            throw AcquirerTransport.Unreachable(e);
        }

        using (response)
        {
            var answer = Read(response);
            return new AuthorizationResult(
                StatusOf(answer.Status),
                answer.PaymentId ?? throw new AcquirerUnavailableException("The acquirer's answer has no payment_id."),
                answer.AdditionalData?.KlarnaNetworkResponseData);
        }
    }

    private static GenericPaymentResponse Read(IApiResponse<GenericPaymentResponse> response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new AcquirerUnavailableException($"The acquirer answered {(int)response.StatusCode.GetValueOrDefault()}.");
        }
        if (response.Error?.InnerException is JsonException malformed)
        {
            throw new AcquirerUnavailableException("The acquirer's answer is not JSON.", malformed);
        }
        return response.Content ?? throw new AcquirerUnavailableException("The acquirer answered with an empty body.");
    }

    private static AuthorizationStatus StatusOf(string? status) => status switch
    {
        "completed" => AuthorizationStatus.Approved,
        "failed" => AuthorizationStatus.Declined,
        "open" => AuthorizationStatus.Pending,
        _ => throw new AcquirerUnavailableException($"The acquirer answered an unknown status '{status}'."),
    };
}
