namespace Checkout.Domain.Sessions;

public enum CheckoutSessionStatus
{
    /// <summary>The shopper may pay through the session's page.</summary>
    Open,

    /// <summary>The order it opened completed: signed up.</summary>
    Complete,

    /// <summary>Its time ran out, or the store expired it; the page says so and starts nothing.</summary>
    Expired,

    /// <summary>The shopper left Klarna's journey; they went back to the store's <c>cancel_url</c>.</summary>
    Canceled,
}
