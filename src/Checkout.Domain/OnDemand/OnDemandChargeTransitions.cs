namespace Checkout.Domain.OnDemand;

/// <summary>Which status may follow which: a charge only moves forward, and its final answer is never replaced.</summary>
public static class OnDemandChargeTransitions
{
    private static readonly Dictionary<OnDemandChargeStatus, OnDemandChargeStatus[]> Allowed = new()
    {
        [OnDemandChargeStatus.Pending] =
        [
            OnDemandChargeStatus.StepUpRequired, OnDemandChargeStatus.Approved, OnDemandChargeStatus.Declined, OnDemandChargeStatus.TokenRevoked,
        ],
        [OnDemandChargeStatus.StepUpRequired] = [OnDemandChargeStatus.Approved, OnDemandChargeStatus.Declined, OnDemandChargeStatus.Expired],
    };

    public static bool IsAllowed(OnDemandChargeStatus from, OnDemandChargeStatus to) =>
        Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static bool IsFinal(this OnDemandChargeStatus status) => !Allowed.ContainsKey(status);
}
