namespace Checkout.Domain.Orders;

using Checkout.Domain.Tokens;

/// <summary>What Klarna says of a payment request, from a webhook or a read.</summary>
public sealed record PaymentRequestOutcome(
    string PaymentRequestId,
    string? Reference,
    PaymentRequestState State,
    CustomerToken? CustomerToken,
    NetworkSessionToken? SessionToken)
{
    /// <summary>The order status this outcome leads to, for an order that charges now or not.</summary>
    public OrderStatus? NextStatus(bool chargesNow) => State switch
    {
        PaymentRequestState.Completed => chargesNow ? OrderStatus.Authorizing : OrderStatus.Completed,
        PaymentRequestState.Declined => OrderStatus.KlarnaDeclined,
        PaymentRequestState.Canceled => OrderStatus.Cancelled,
        PaymentRequestState.Expired => OrderStatus.Expired,
        _ => null,
    };
}
