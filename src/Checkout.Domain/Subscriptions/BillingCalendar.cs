namespace Checkout.Domain.Subscriptions;

using Checkout.Domain.Plans;

/// <summary>
/// Period boundaries, in UTC. Boundary k is the billing anchor plus k intervals, always counted from the
/// anchor and never from the previous boundary: a month that lacks the anchor's day ends on its last day,
/// and the next boundary returns to the anchor's day (Jan 31, Feb 28 or 29, Mar 31, Apr 30, May 31).
/// Years work alike: an anchor on Feb 29 falls on Feb 28 in common years and on Feb 29 in leap years.
/// </summary>
public static class BillingCalendar
{
    public static DateTimeOffset Boundary(DateTimeOffset anchor, BillingInterval interval, int frequency, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequency);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var from = anchor.ToUniversalTime();
        var steps = checked(frequency * count);
        return interval switch
        {
            BillingInterval.Day => from.AddDays(steps),
            BillingInterval.Week => from.AddDays(7 * steps),
            BillingInterval.Month => from.AddMonths(steps),
            BillingInterval.Year => from.AddYears(steps),
            _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown billing interval."),
        };
    }
}
