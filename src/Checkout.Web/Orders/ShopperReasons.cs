namespace Checkout.Web.Orders;

/// <summary>Why an order ended where it did, in the words the confirmation page shows. One wording per reason, whichever flow got there.</summary>
public static class ShopperReasons
{
    public const string KlarnaDeclined = "Klarna could not approve this purchase. Please choose another payment method.";
    public const string LeftKlarna = "You left Klarna before finishing. Nothing was charged.";
    public const string LeftBeforePaying = "You left before paying. Nothing was charged.";
    public const string KlarnaSessionTimedOut = "The Klarna session timed out. Nothing was charged.";
    public const string ApprovalRanOut = "Klarna's approval ran out before the payment was authorized. Nothing was charged; please try again.";
    public const string FirstPaymentDeclined = "The first payment was declined. Your Klarna account is saved; you can update it and try again.";
    public const string PageExpired = "This checkout page expired. Nothing was charged.";
}
