namespace Checkout.Acquiring.Generic;

using Refit;

/// <summary>The generic acquirer's endpoint as Refit sends it; <see cref="GenericAcquirerClient"/> reads the answer.</summary>
public interface IGenericAcquirerApi
{
    [Post("/payment")]
    Task<IApiResponse<GenericPaymentResponse>> AuthorizeAsync(
        [Body] GenericPaymentRequest body,
        [Header(GenericAcquirerClient.IdempotencyKeyHeader)] string idempotencyKey,
        CancellationToken cancellationToken);

    [Post("/payment")]
    Task<IApiResponse<GenericPaymentResponse>> ChargeTokenAsync(
        [Body] GenericTokenChargeRequest body,
        [Header(GenericAcquirerClient.IdempotencyKeyHeader)] string idempotencyKey,
        CancellationToken cancellationToken);

    [Post("/payment")]
    Task<IApiResponse<GenericPaymentResponse>> ChargeRideAsync(
        [Body] GenericRideChargeRequest body,
        [Header(GenericAcquirerClient.IdempotencyKeyHeader)] string idempotencyKey,
        CancellationToken cancellationToken);
}
