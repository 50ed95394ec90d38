namespace Checkout.Acquiring.PartnerPayments;

using Refit;

/// <summary>The partner-facing API as Refit sends it; <see cref="PartnerPaymentsClient"/> reads the answers.</summary>
public interface IPartnerPaymentsApi
{
    [Post("/v1/payments")]
    Task<IApiResponse<PartnerPayment>> CreateAsync(
        [Body] PartnerPaymentRequest request,
        [Header(PartnerPaymentsClient.IdempotencyKeyHeader)] string idempotencyKey,
        CancellationToken cancellationToken);

    [Post("/v1/payments")]
    Task<IApiResponse<PartnerPayment>> ChargeTokenAsync(
        [Body] PartnerTokenChargeRequest request,
        [Header(PartnerPaymentsClient.IdempotencyKeyHeader)] string idempotencyKey,
        CancellationToken cancellationToken);

    [Post("/v1/payments")]
    Task<IApiResponse<PartnerPayment>> ChargeRideAsync(
        [Body] PartnerRideChargeRequest request,
        [Header(PartnerPaymentsClient.IdempotencyKeyHeader)] string idempotencyKey,
        CancellationToken cancellationToken);

    [Get("/v1/payments/{paymentId}")]
    Task<IApiResponse<PartnerPayment>> ReadAsync(string paymentId, CancellationToken cancellationToken);
}
