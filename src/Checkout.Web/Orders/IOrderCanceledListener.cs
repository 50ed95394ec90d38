namespace Checkout.Web.Orders;

/// <summary>Told by <see cref="OrderStore"/> when the shopper left an order (it moved to Cancelled), after the move is stored.</summary>
public interface IOrderCanceledListener
{
    Task OrderCanceledAsync(Guid orderId, CancellationToken cancellationToken);
}
