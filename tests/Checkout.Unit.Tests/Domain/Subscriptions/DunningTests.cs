namespace Checkout.Unit.Tests.Domain.Subscriptions;

using Checkout.Domain.Subscriptions;
using static SignUps;

public sealed class DunningTests
{
    [Fact]
    public void Default_schedule_retries_one_three_and_seven_days_after_the_first_decline()
    {
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7)], DunningSchedule.Default.RetryDelays);
        Assert.Equal(4, DunningSchedule.Default.MaxAttempts);
    }

    [Fact]
    public void Declined_renewal_goes_past_due_and_is_retried_on_schedule_until_the_last_decline_cancels()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var firstDecline = Utc(2026, 12, 21);

        subscription.Answer(firstDecline, RenewalResult.Declined, "DECLINED");
        Assert.Equal(SubscriptionStatus.PastDue, subscription.Status);
        Assert.Equal(firstDecline, subscription.PastDueSince);
        Assert.Equal(firstDecline.AddDays(1), subscription.NextChargeAt);
        Assert.Equal("DECLINED", subscription.StatusReason);
        Assert.Null(subscription.ChargeDue(firstDecline.AddDays(1).AddTicks(-1)));

        Assert.Equal(2, subscription.Answer(firstDecline.AddDays(1), RenewalResult.Declined, "DECLINED").AttemptNumber);
        Assert.Equal(firstDecline.AddDays(3), subscription.NextChargeAt);

        Assert.Equal(3, subscription.Answer(firstDecline.AddDays(3), RenewalResult.Declined, "DECLINED").AttemptNumber);
        Assert.Equal(firstDecline.AddDays(7), subscription.NextChargeAt);
        Assert.Equal(SubscriptionStatus.PastDue, subscription.Status);

        var last = subscription.Answer(firstDecline.AddDays(7), RenewalResult.Declined, "card expired");
        Assert.Equal(4, last.AttemptNumber);
        Assert.Equal(2, last.Charge.Period.Number);

        Assert.Equal(SubscriptionStatus.Canceled, subscription.Status);
        Assert.Equal(firstDecline.AddDays(7), subscription.CanceledAt);
        Assert.Equal("card expired", subscription.StatusReason);
        Assert.Null(subscription.NextChargeAt);
        Assert.Null(subscription.ChargeDue(Utc(2030, 1, 1)));
        Assert.Equal(1, subscription.CurrentPeriodNumber);
        Assert.Equal(4, subscription.Attempts.Count);
    }

    [Fact]
    public void Retries_count_from_the_first_decline_even_when_one_ran_late()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var firstDecline = Utc(2026, 12, 21);
        subscription.Answer(firstDecline, RenewalResult.Declined);
        subscription.Answer(firstDecline.AddDays(2), RenewalResult.Declined);
        Assert.Equal(firstDecline.AddDays(3), subscription.NextChargeAt);
    }

    [Fact]
    public void Approved_retry_recovers_and_the_period_keeps_its_boundaries()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.Answer(Utc(2026, 12, 21), RenewalResult.Declined);
        subscription.Answer(Utc(2026, 12, 24), RenewalResult.Declined);
        subscription.Answer(Utc(2026, 12, 24), RenewalResult.Approved);

        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Null(subscription.PastDueSince);
        Assert.Null(subscription.StatusReason);
        Assert.Equal(new BillingPeriod(2, Utc(2026, 12, 21), Utc(2027, 1, 21)), subscription.CurrentPeriod);
        Assert.Equal(Utc(2027, 1, 21), subscription.NextChargeAt);

        var next = subscription.Answer(Utc(2027, 1, 21), RenewalResult.Declined);
        Assert.Equal(1, next.AttemptNumber);
        Assert.Equal(Utc(2027, 1, 22), subscription.NextChargeAt);
    }

    [Fact]
    public void A_configured_schedule_sets_the_retries_and_how_many()
    {
        var oneRetry = DunningSchedule.FromDays(2);
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.Answer(Utc(2026, 12, 21), RenewalResult.Declined, dunning: oneRetry);
        Assert.Equal(Utc(2026, 12, 23), subscription.NextChargeAt);

        subscription.Answer(Utc(2026, 12, 23), RenewalResult.Declined, dunning: oneRetry);
        Assert.Equal(SubscriptionStatus.Canceled, subscription.Status);
    }

    [Fact]
    public void Without_retries_the_first_decline_cancels()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.Answer(Utc(2026, 12, 21), RenewalResult.Declined, dunning: new DunningSchedule([]));
        Assert.Equal(SubscriptionStatus.Canceled, subscription.Status);
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { -1, 3 })]
    [InlineData(new[] { 3, 1 })]
    [InlineData(new[] { 1, 1 })]
    public void A_schedule_must_wait_and_go_forward(int[] days) =>
        Assert.Throws<ArgumentException>(() => DunningSchedule.FromDays(days));
}
