namespace Checkout.Web.Checkouts;

using Checkout.Domain.Orders;

/// <summary>What the return page polls: where the order stands and where to go when it is done.</summary>
public sealed record CheckoutStatusView(Guid CheckoutId, string Status, bool Final, string? Message, string? ConfirmationUrl)
{
    public static CheckoutStatusView Of(Order order)
    {
        var final = order.Status.IsFinal();
        return new CheckoutStatusView(
            order.Id,
            order.Status.ToString(),
            final,
            order.StatusReason,
            final ? CheckoutUrls.Confirmation(order.Id) : null);
    }
}
