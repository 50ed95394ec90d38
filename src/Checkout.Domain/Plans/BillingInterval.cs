namespace Checkout.Domain.Plans;

public enum BillingInterval
{
    Day,
    Week,
    Month,
    Year,
}
