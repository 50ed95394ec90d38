namespace Checkout.Klarna.PaymentRequests;

using Refit;

/// <summary>
/// Klarna's Payment Request API as Refit sends it. Answers come back whole (<see cref="IApiResponse{T}"/>), so
/// <see cref="KlarnaPaymentRequestsClient"/> reads Klarna's errors itself, tolerantly.
/// </summary>
[Headers("Accept: application/json")]
public interface IKlarnaPaymentRequestsApi
{
    [Post("/v2/payment/requests")]
    Task<IApiResponse<PaymentRequestRead>> CreateAsync(
        [Body] PaymentRequestBody body,
        [Header(KlarnaPaymentRequestsClient.IdempotencyKeyHeader)] string idempotencyKey,
        [Header(KlarnaPaymentRequestsClient.SessionTokenHeader)] string? networkSessionToken,
        CancellationToken cancellationToken);

    [Get("/v2/payment/requests/{paymentRequestId}")]
    Task<IApiResponse<PaymentRequestRead>> ReadAsync(string paymentRequestId, CancellationToken cancellationToken);

    [Delete("/v2/payment/requests/{paymentRequestId}")]
    Task<IApiResponse<PaymentRequestRead>> CancelAsync(string paymentRequestId, CancellationToken cancellationToken);
}
