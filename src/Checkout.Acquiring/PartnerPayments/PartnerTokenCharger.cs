namespace Checkout.Acquiring.PartnerPayments;

using System.Text.Json;
using Refit;

/// <summary>
/// The acquirer-led renewal: the merchant passes the acquirer's own token id; the acquirer charges Klarna's customer
/// token through Payment Authorize with the customer not present and answers at once, completed or failed.
/// </summary>
public sealed class PartnerTokenCharger(IPartnerPaymentsApi api) : ITokenCharger
{
    public const string CustomerNotPresentScope = "payment:customer_not_present";

    public async Task<TokenChargeResult> ChargeAsync(TokenChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new PartnerTokenChargeRequest
        {
            Reference = request.Reference,
            Currency = request.Amount.Currency.Code,
            Amount = request.Amount.MinorUnits,
            CustomerTokenId = request.StoredToken,
            CustomerPresent = false,
            SupplementaryPurchaseData = TokenChargePurchaseData.Of(request),
        };

        IApiResponse<PartnerPayment> response;
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
                throw new AcquirerRejectedException(status, DetailOf((response.Error as ApiException)?.Content));
            }
            if (response.Error?.InnerException is JsonException malformed)
            {
                throw new AcquirerUnavailableException("The acquirer's answer is not JSON.", malformed);
            }
            var payment = response.Content ?? throw new AcquirerUnavailableException("The acquirer answered the token charge with no body.");
            return TokenChargeAnswer.Map(payment.Status, payment.PaymentId, payment.FailureReason, payment.FailureMessage);
        }
    }

    private static string? DetailOf(string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem ?? "");
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
