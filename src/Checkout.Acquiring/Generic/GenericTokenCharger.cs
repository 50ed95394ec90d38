namespace Checkout.Acquiring.Generic;

using System.Text.Json;
using Refit;

/// <summary>
/// Seed 000's <c>POST {base}/payment</c>, extended for a renewal: Klarna's customer token instead of the session
/// token, <c>customer_present: false</c>, and Klarna's subscription data. Answered in seed 002's partner-facing form.
/// </summary>
public sealed class GenericTokenCharger(IGenericAcquirerApi api) : ITokenCharger
{
    public async Task<TokenChargeResult> ChargeAsync(TokenChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new GenericTokenChargeRequest(
            request.Amount.MinorUnits,
            request.Amount.Currency.Code,
            request.Reference,
            new GenericTokenMethods(new GenericKlarnaToken(request.StoredToken, CustomerPresent: false)),
            TokenChargePurchaseData.Of(request));

        IApiResponse<GenericPaymentResponse> response;
        try
        {
            response = await api.ChargeTokenAsync(body, request.IdempotencyKey, cancellationToken);
        }
        catch (Exception e) when (AcquirerTransport.IsUnreachable(e, cancellationToken))
        {
            throw AcquirerTransport.Unreachable(e);
        }

        using (response)
        {
            var status = (int)response.StatusCode.GetValueOrDefault();
            if (TokenChargeAnswer.IsUnknownOutcome(status))
            {
                throw new AcquirerUnavailableException($"The acquirer answered the token charge with {status}.");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new AcquirerRejectedException(status, DetailOf(response));
            }
            if (response.Error?.InnerException is JsonException malformed)
            {
                throw new AcquirerUnavailableException("The acquirer's answer is not JSON.", malformed);
            }
            var answer = response.Content ?? throw new AcquirerUnavailableException("The acquirer answered with an empty body.");
            return TokenChargeAnswer.Map(answer.Status, answer.PaymentId, answer.FailureReason, answer.FailureMessage);
        }
    }

    private static string? DetailOf(IApiResponse response)
    {
        try
        {
            using var problem = JsonDocument.Parse((response.Error as ApiException)?.Content ?? "");
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
