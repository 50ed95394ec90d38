namespace Checkout.Web.Orders;

/// <summary>
/// Told by <see cref="OrderStore"/> when an order has just moved to Completed, after the move is stored. Lets a
/// later step (a subscription starting) follow the completion without the flows before it knowing that step.
/// </summary>
public interface IOrderCompletedListener
{
    Task OrderCompletedAsync(Guid orderId, CancellationToken cancellationToken);
}
