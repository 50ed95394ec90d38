namespace Checkout.Domain.Orders;

public enum OrderStatus
{
    /// <summary>The checkout page was served; nothing was asked of Klarna yet.</summary>
    Open,

    /// <summary>A payment request exists; the shopper is in Klarna's purchase journey.</summary>
    AwaitingShopper,

    /// <summary>Klarna approved and issued the tokens; the acquirer is authorizing the first charge.</summary>
    Authorizing,

    /// <summary>Signed up: the token is stored and any first charge was approved.</summary>
    Completed,

    /// <summary>The acquirer declined the first charge; the customer token is kept.</summary>
    PaymentDeclined,

    /// <summary>Klarna declined the shopper in the purchase journey.</summary>
    KlarnaDeclined,

    /// <summary>The shopper left the purchase journey.</summary>
    Cancelled,

    /// <summary>The payment request or the network session token ran out of time.</summary>
    Expired,
}
