namespace Checkout.Acquiring.PartnerPayments;

/// <summary>
/// The acquirer-led ride: the merchant passes the acquirer's own token id; the acquirer calls Payment Authorize with
/// Klarna's customer token and a <c>step_up_config</c>, and on a step-up answers <c>open</c> with Klarna's URL.
/// </summary>
public sealed class PartnerCustomerPresentCharger(IPartnerPaymentsApi api) : ICustomerPresentCharger
{
    public async Task<CustomerPresentChargeResult> ChargeAsync(CustomerPresentChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new PartnerRideChargeRequest
        {
            Reference = request.Reference,
            Currency = request.Amount.Currency.Code,
            Amount = request.Amount.MinorUnits,
            CustomerTokenId = request.StoredToken,
            ReturnUrl = request.ReturnUrl.AbsoluteUri,
        };

        return await TokenChargeAnswer.SendAsync(
            () => api.ChargeRideAsync(body, request.IdempotencyKey, cancellationToken),
            payment => CustomerPresentAnswer.Map(
                payment.Status, payment.PaymentId, payment.PaymentTransactionId, payment.Url, payment.FailureReason, payment.FailureMessage,
                payment.AdditionalData?.KlarnaNetworkResponseData),
            cancellationToken);
    }

    /// <summary>The partner API's <c>GET /v1/payments/{id}</c>: the ride's payment as the acquirer holds it.</summary>
    public async Task<CustomerPresentChargeResult?> ReadAsync(string paymentId, CancellationToken cancellationToken) =>
        await TokenChargeAnswer.SendAsync(
            () => api.ReadAsync(paymentId, cancellationToken),
            payment => CustomerPresentAnswer.Map(
                payment.Status, payment.PaymentId, payment.PaymentTransactionId, payment.Url, payment.FailureReason, payment.FailureMessage),
            cancellationToken);
}
