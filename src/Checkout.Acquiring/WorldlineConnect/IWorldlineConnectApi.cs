namespace Checkout.Acquiring.WorldlineConnect;

using Refit;

/// <summary>
/// Worldline Connect's create-payment call as Refit sends it, signed on its way out by <see cref="GcsV1HmacHandler"/>.
/// The Content-Type is part of the signed string, so it is exactly <c>application/json</c>, without a charset.
/// </summary>
public interface IWorldlineConnectApi
{
    [Post("/v1/{merchantId}/payments")]
    [Headers("Accept: application/json", "Content-Type: application/json")]
    Task<IApiResponse<CreatePaymentResponse>> CreatePaymentAsync(
        string merchantId,
        [Body] CreatePaymentRequest body,
        [Header(WorldlineConnectClient.IdempotencyKeyHeader)] string idempotencyKey,
        CancellationToken cancellationToken);
}
