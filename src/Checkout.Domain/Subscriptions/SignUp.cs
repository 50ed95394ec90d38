namespace Checkout.Domain.Subscriptions;

using Checkout.Domain.Orders;
using Checkout.Domain.Pricing;

/// <summary>What a subscription starts from: a sign-up whose order completed, with what it charged then.</summary>
public sealed record SignUp(Guid OrderId, string PlanId, Money ChargedAtSignUp, DateTimeOffset CompletedAt)
{
    /// <summary>The sign-up of a completed order; any other order has not signed anyone up.</summary>
    public static SignUp Of(Order order, DateTimeOffset completedAt)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Status == OrderStatus.Completed
            ? new SignUp(order.Id, order.PlanId, order.AmountDue, completedAt)
            : throw new InvalidOperationException($"Order {order.Id:N} is {order.Status}; only a completed sign-up starts a subscription.");
    }
}
