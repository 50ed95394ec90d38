namespace Checkout.Domain.Orders;

/// <summary>Klarna's payment request states, as the checkout acts on them.</summary>
public enum PaymentRequestState
{
    Submitted,
    InProgress,
    Completed,
    Declined,
    Canceled,
    Expired,
}
