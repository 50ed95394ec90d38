namespace Checkout.Web.Events;

using Checkout.Domain.OnDemand;

public static class RideEvents
{
    /// <summary>The event a ride's new status is told with; null while the ride waits (for the shopper or the acquirer).</summary>
    public static string? TypeFor(OnDemandChargeStatus status) => status switch
    {
        OnDemandChargeStatus.Approved => MerchantEventTypes.RideCharged,
        OnDemandChargeStatus.Declined or OnDemandChargeStatus.TokenRevoked => MerchantEventTypes.RideDeclined,
        _ => null,
    };
}
