namespace Checkout.Domain.Subscriptions;

/// <summary>
/// One stretch of time a subscription bills for, from <see cref="Start"/> (inclusive) to <see cref="End"/>
/// (exclusive). Period 0 is a free trial; paid periods count from 1.
/// </summary>
public readonly record struct BillingPeriod(int Number, DateTimeOffset Start, DateTimeOffset End)
{
    public bool IsTrial => Number == 0;
}
