namespace Checkout.Acquiring.Generic;

/// <summary>
/// The direct flow's ride: the generic acquirer's <c>POST {base}/payment</c> with Klarna's customer token and
/// <c>customer_present: true</c>; the acquirer forwards it to Payment Authorize and answers in the partner API's form.
/// </summary>
public sealed class GenericCustomerPresentCharger(IGenericAcquirerApi api) : ICustomerPresentCharger
{
    public async Task<CustomerPresentChargeResult> ChargeAsync(CustomerPresentChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new GenericRideChargeRequest(
            request.Amount.MinorUnits,
            request.Amount.Currency.Code,
            request.Reference,
            new GenericTokenMethods(new GenericKlarnaToken(request.StoredToken, CustomerPresent: true)),
            request.ReturnUrl.AbsoluteUri);

        return await TokenChargeAnswer.SendAsync(
            () => api.ChargeRideAsync(body, request.IdempotencyKey, cancellationToken),
            answer => CustomerPresentAnswer.Map(
                answer.Status, answer.PaymentId, answer.PaymentTransactionId, answer.Url, answer.FailureReason, answer.FailureMessage,
                answer.AdditionalData?.KlarnaNetworkResponseData),
            cancellationToken);
    }

    /// <summary>The generic acquirer's API has no read: a stepped-up ride waits for its callback, or expires.</summary>
    public Task<CustomerPresentChargeResult?> ReadAsync(string paymentId, CancellationToken cancellationToken) =>
        Task.FromResult<CustomerPresentChargeResult?>(null);
}
