namespace Checkout.Acquiring.PartnerPayments;

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

        return await TokenChargeAnswer.SendAsync(
            () => api.ChargeTokenAsync(body, request.IdempotencyKey, cancellationToken),
            payment => TokenChargeAnswer.Map(
                payment.Status, payment.PaymentId, payment.FailureReason, payment.FailureMessage, payment.AdditionalData?.KlarnaNetworkResponseData),
            cancellationToken);
    }
}
