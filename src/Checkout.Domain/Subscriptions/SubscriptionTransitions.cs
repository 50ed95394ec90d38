namespace Checkout.Domain.Subscriptions;

/// <summary>Which status may follow which. A renewal that keeps the status (Active to Active) is no transition.</summary>
public static class SubscriptionTransitions
{
    private static readonly Dictionary<SubscriptionStatus, SubscriptionStatus[]> Allowed = new()
    {
        [SubscriptionStatus.Trialing] =
        [
            SubscriptionStatus.Active, SubscriptionStatus.PastDue, SubscriptionStatus.Canceled, SubscriptionStatus.Suspended,
        ],
        [SubscriptionStatus.Active] = [SubscriptionStatus.PastDue, SubscriptionStatus.Canceled, SubscriptionStatus.Suspended],
        [SubscriptionStatus.PastDue] = [SubscriptionStatus.Active, SubscriptionStatus.Canceled, SubscriptionStatus.Suspended],
        [SubscriptionStatus.Suspended] = [SubscriptionStatus.Canceled],
    };

    public static bool IsAllowed(SubscriptionStatus from, SubscriptionStatus to) =>
        Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static bool IsFinal(this SubscriptionStatus status) => !Allowed.ContainsKey(status);

    /// <summary>Whether renewals are charged in this status (the cancel-at-period-end flag aside).</summary>
    public static bool Renews(this SubscriptionStatus status) =>
        status is SubscriptionStatus.Trialing or SubscriptionStatus.Active or SubscriptionStatus.PastDue;

    public static void EnsureAllowed(SubscriptionStatus from, SubscriptionStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException($"A subscription cannot move from {from} to {to}.");
        }
    }
}
