namespace Checkout.Unit.Tests.Domain.Subscriptions;

using Checkout.Domain.Plans;
using Checkout.Domain.Subscriptions;
using static SignUps;

public sealed class BillingCalendarTests
{
    [Theory]
    [InlineData(1, 2027, 2, 28)]
    [InlineData(2, 2027, 3, 31)]
    [InlineData(3, 2027, 4, 30)]
    [InlineData(4, 2027, 5, 31)]
    [InlineData(13, 2028, 2, 29)]
    [InlineData(14, 2028, 3, 31)]
    public void Monthly_boundaries_from_the_31st_end_on_the_last_day_of_short_months_and_return_to_the_31st(
        int count, int year, int month, int day) =>
        Assert.Equal(Utc(year, month, day), BillingCalendar.Boundary(Utc(2027, 1, 31), BillingInterval.Month, 1, count));

    [Fact]
    public void Quarterly_boundaries_from_November_30_keep_the_30th_where_it_exists()
    {
        var anchor = Utc(2026, 11, 30);
        Assert.Equal(Utc(2027, 2, 28), BillingCalendar.Boundary(anchor, BillingInterval.Month, 3, 1));
        Assert.Equal(Utc(2027, 5, 30), BillingCalendar.Boundary(anchor, BillingInterval.Month, 3, 2));
        Assert.Equal(Utc(2027, 8, 30), BillingCalendar.Boundary(anchor, BillingInterval.Month, 3, 3));
    }

    [Fact]
    public void Yearly_boundaries_from_February_29_fall_on_the_28th_in_common_years_and_the_29th_in_leap_years()
    {
        var anchor = Utc(2028, 2, 29);
        Assert.Equal(Utc(2029, 2, 28), BillingCalendar.Boundary(anchor, BillingInterval.Year, 1, 1));
        Assert.Equal(Utc(2031, 2, 28), BillingCalendar.Boundary(anchor, BillingInterval.Year, 1, 3));
        Assert.Equal(Utc(2032, 2, 29), BillingCalendar.Boundary(anchor, BillingInterval.Year, 1, 4));
    }

    [Fact]
    public void Days_and_weeks_are_exact_multiples()
    {
        Assert.Equal(Utc(2027, 3, 1), BillingCalendar.Boundary(Utc(2027, 2, 27), BillingInterval.Day, 2, 1));
        Assert.Equal(Utc(2027, 1, 28), BillingCalendar.Boundary(Utc(2027, 1, 14), BillingInterval.Week, 1, 2));
    }

    [Fact]
    public void Boundaries_are_counted_on_the_UTC_calendar()
    {
        var anchor = new DateTimeOffset(2027, 1, 30, 23, 30, 0, TimeSpan.FromHours(-5));
        var first = BillingCalendar.Boundary(anchor, BillingInterval.Month, 1, 1);
        Assert.Equal(TimeSpan.Zero, first.Offset);
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 4, 30, 0, TimeSpan.Zero), first);
    }

    [Fact]
    public void Subscription_signed_up_on_January_31_renews_on_February_28_then_on_March_31()
    {
        var subscription = Start(Monthly, Utc(2027, 1, 31));
        Assert.Equal(Utc(2027, 2, 28), subscription.NextChargeAt);

        subscription.Answer(Utc(2027, 2, 28), RenewalResult.Approved);
        Assert.Equal(new BillingPeriod(2, Utc(2027, 2, 28), Utc(2027, 3, 31)), subscription.CurrentPeriod);
        Assert.Equal(Utc(2027, 3, 31), subscription.NextChargeAt);

        subscription.Answer(Utc(2027, 3, 31), RenewalResult.Approved);
        Assert.Equal(Utc(2027, 4, 30), subscription.NextChargeAt);

        subscription.Answer(Utc(2027, 4, 30), RenewalResult.Approved);
        Assert.Equal(Utc(2027, 5, 31), subscription.NextChargeAt);
    }
}
