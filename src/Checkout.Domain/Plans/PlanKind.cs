namespace Checkout.Domain.Plans;

public enum PlanKind
{
    /// <summary>Recurring charges the shopper is not present for.</summary>
    Subscription,

    /// <summary>Charges on demand while the shopper uses the service.</summary>
    OnDemand,
}
