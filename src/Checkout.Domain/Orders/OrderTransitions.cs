namespace Checkout.Domain.Orders;

/// <summary>Which status may follow which. Stores apply a transition only from the status it names.</summary>
public static class OrderTransitions
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.Open] = [OrderStatus.AwaitingShopper, OrderStatus.Cancelled, OrderStatus.Expired],
        [OrderStatus.AwaitingShopper] =
        [
            OrderStatus.Authorizing, OrderStatus.Completed, OrderStatus.KlarnaDeclined,
            OrderStatus.Cancelled, OrderStatus.Expired,
        ],
        [OrderStatus.Authorizing] = [OrderStatus.Completed, OrderStatus.PaymentDeclined, OrderStatus.Expired],
    };

    public static bool IsAllowed(OrderStatus from, OrderStatus to) =>
        Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static bool IsFinal(this OrderStatus status) => !Allowed.ContainsKey(status);

    public static void EnsureAllowed(OrderStatus from, OrderStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException($"An order cannot move from {from} to {to}.");
        }
    }
}
