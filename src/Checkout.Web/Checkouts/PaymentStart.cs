namespace Checkout.Web.Checkouts;

using Checkout.Domain.Orders;

/// <summary>What starting a payment came to, for the order it opened; <see cref="CheckoutApi"/> turns each case into HTTP.</summary>
public abstract record PaymentStart(Guid CheckoutId)
{
    /// <summary>Klarna's purchase journey is open (now, or by an earlier start from the same page).</summary>
    public sealed record JourneyOpen(Guid CheckoutId, string? PaymentRequestId, string? PaymentRequestUrl) : PaymentStart(CheckoutId);

    /// <summary>Klarna completed the request at once; the shopper goes straight to the return page.</summary>
    public sealed record CompletedAtOnce(Guid CheckoutId) : PaymentStart(CheckoutId);

    /// <summary>The page's checkout key already opened an order for another plan.</summary>
    public sealed record KeyTakenByAnotherPlan(Guid CheckoutId, string PlanId) : PaymentStart(CheckoutId);

    /// <summary>The order this key opened is past the point where a payment can start.</summary>
    public sealed record AlreadyFinished(Guid CheckoutId, OrderStatus Status) : PaymentStart(CheckoutId);

    /// <summary>Klarna or the acquirer refused to start; <paramref name="Reason"/> is written for the shopper.</summary>
    public sealed record Refused(Guid CheckoutId, string Reason) : PaymentStart(CheckoutId);

    /// <summary>Klarna or the acquirer could not be reached; nothing was charged and a retry may work.</summary>
    public sealed record Unavailable(Guid CheckoutId, string Reason) : PaymentStart(CheckoutId);
}
