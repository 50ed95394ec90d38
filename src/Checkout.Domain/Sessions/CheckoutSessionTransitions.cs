namespace Checkout.Domain.Sessions;

/// <summary>
/// Which status may follow which. An order already in Klarna's journey when its session expired may still complete:
/// the shopper paid, so the session reads complete.
/// </summary>
public static class CheckoutSessionTransitions
{
    private static readonly Dictionary<CheckoutSessionStatus, CheckoutSessionStatus[]> Allowed = new()
    {
        [CheckoutSessionStatus.Open] = [CheckoutSessionStatus.Complete, CheckoutSessionStatus.Expired, CheckoutSessionStatus.Canceled],
        [CheckoutSessionStatus.Expired] = [CheckoutSessionStatus.Complete],
    };

    public static bool IsAllowed(CheckoutSessionStatus from, CheckoutSessionStatus to) =>
        Allowed.TryGetValue(from, out var next) && next.Contains(to);
}
