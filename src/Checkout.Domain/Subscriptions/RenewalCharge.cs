namespace Checkout.Domain.Subscriptions;

using System.Globalization;
using Checkout.Domain.Pricing;

/// <summary>
/// The one charge a subscription owes for one paid period. Its <see cref="Key"/> names it for good: the
/// same subscription and period give the same key on every call, after every restart, on every instance.
/// </summary>
public sealed record RenewalCharge(Guid SubscriptionId, BillingPeriod Period, Money Amount)
{
    /// <summary><c>subscription-{id:N}-period-{number}</c>; changing the format would re-key charges in flight.</summary>
    public string Key => KeyFor(SubscriptionId, Period.Number);

    public static string KeyFor(Guid subscriptionId, int periodNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodNumber);
        return string.Create(CultureInfo.InvariantCulture, $"subscription-{subscriptionId:N}-period-{periodNumber}");
    }

    /// <summary>
    /// The acquirer's idempotency key for one attempt at this charge: <c>{Key}-attempt-{n}</c>. An attempt
    /// whose answer was lost is sent again with the same key; a declined attempt is retried under the next
    /// number, since an idempotent acquirer replays its stored decline for a key it has seen.
    /// </summary>
    public string IdempotencyKeyFor(int attemptNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attemptNumber);
        return string.Create(CultureInfo.InvariantCulture, $"{Key}-attempt-{attemptNumber}");
    }
}
