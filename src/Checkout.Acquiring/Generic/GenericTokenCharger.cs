namespace Checkout.Acquiring.Generic;

/// <summary>
/// The generic acquirer's <c>POST {base}/payment</c>, extended for a renewal: Klarna's customer token instead of the session
/// token, <c>customer_present: false</c>, and Klarna's subscription data. Answered in the partner-facing form.
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

        return await TokenChargeAnswer.SendAsync(
            () => api.ChargeTokenAsync(body, request.IdempotencyKey, cancellationToken),
            answer => TokenChargeAnswer.Map(
                answer.Status, answer.PaymentId, answer.FailureReason, answer.FailureMessage, answer.AdditionalData?.KlarnaNetworkResponseData),
            cancellationToken);
    }
}
