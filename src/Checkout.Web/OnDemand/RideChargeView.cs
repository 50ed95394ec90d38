namespace Checkout.Web.OnDemand;

using Checkout.Domain.OnDemand;

/// <summary>
/// A ride charge as the merchant's app reads it. <c>status</c>: <c>pending</c>, <c>step_up_required</c> (send the shopper
/// to <c>purchaseJourneyUrl</c>; Klarna brings them back to <c>returnUrl</c>), <c>approved</c>, <c>declined</c>, <c>token_revoked</c>, <c>expired</c> (a step-up the shopper never finished).
/// </summary>
public sealed record RideChargeView(
    Guid ChargeId,
    Guid CustomerId,
    string RideReference,
    long Amount,
    string Currency,
    string Status,
    string? PaymentId,
    string? PaymentTransactionId,
    string? PurchaseJourneyUrl,
    string ReturnUrl,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static RideChargeView Of(OnDemandCharge charge, Uri siteBase) => new(
        charge.Id,
        charge.CustomerId,
        charge.RideReference,
        charge.AmountMinorUnits,
        charge.Currency,
        StatusName(charge.Status),
        charge.AcquirerPaymentId,
        charge.PaymentTransactionId,
        charge.Status == OnDemandChargeStatus.StepUpRequired ? charge.PurchaseJourneyUrl : null,
        OnDemandCharging.ReturnUrl(siteBase, charge.Id).AbsoluteUri,
        charge.Reason,
        charge.CreatedAt,
        charge.UpdatedAt);

    public static string StatusName(OnDemandChargeStatus status) => status switch
    {
        OnDemandChargeStatus.Pending => "pending",
        OnDemandChargeStatus.StepUpRequired => "step_up_required",
        OnDemandChargeStatus.Approved => "approved",
        OnDemandChargeStatus.Declined => "declined",
        OnDemandChargeStatus.Expired => "expired",
        _ => "token_revoked",
    };
}
