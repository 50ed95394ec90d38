namespace Checkout.Unit.Tests.Domain.Subscriptions;

using Checkout.Domain.Subscriptions;
using static SignUps;

public sealed class RenewalTests
{
    [Fact]
    public void No_charge_is_due_before_the_next_charge_date_and_one_is_due_from_it()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        Assert.Null(subscription.ChargeDue(Utc(2026, 12, 21).AddTicks(-1)));

        var due = subscription.ChargeDue(Utc(2026, 12, 21))!;
        Assert.Equal(2, due.Charge.Period.Number);
        Assert.Equal(1, due.AttemptNumber);
        Assert.Equal(Utc(2026, 12, 21), due.DueAt);
        Assert.NotNull(subscription.ChargeDue(Utc(2027, 3, 1)));
    }

    [Fact]
    public void Approved_renewal_pays_the_next_period_and_moves_the_next_charge_by_one_interval()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.Answer(Utc(2026, 12, 21), RenewalResult.Approved);

        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(new BillingPeriod(2, Utc(2026, 12, 21), Utc(2027, 1, 21)), subscription.CurrentPeriod);
        Assert.Equal(Utc(2027, 1, 21), subscription.NextChargeAt);
        Assert.Null(subscription.ChargeDue(Utc(2027, 1, 20)));
        Assert.Equal(3, subscription.ChargeDue(Utc(2027, 1, 21))!.Charge.Period.Number);
    }

    [Fact]
    public void Approved_answer_applied_twice_advances_once()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var due = subscription.ChargeDue(Utc(2026, 12, 21))!;
        var approved = due.Answered(RenewalResult.Approved, Utc(2026, 12, 21), "APPROVED");

        Assert.True(subscription.Record(approved, DunningSchedule.Default));
        Assert.False(subscription.Record(approved, DunningSchedule.Default));
        Assert.False(subscription.Record(due.Answered(RenewalResult.Approved, Utc(2026, 12, 21, hour: 11)), DunningSchedule.Default));

        Assert.Equal(2, subscription.CurrentPeriodNumber);
        Assert.Equal(Utc(2027, 1, 21), subscription.NextChargeAt);
        Assert.Single(subscription.Attempts);
    }

    [Fact]
    public void A_different_answer_to_a_recorded_attempt_is_refused()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var due = subscription.Answer(Utc(2026, 12, 21), RenewalResult.Approved);
        Assert.Throws<InvalidOperationException>(() =>
            subscription.Record(due.Answered(RenewalResult.Declined, Utc(2026, 12, 21)), DunningSchedule.Default));
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    public void An_attempt_other_than_the_one_expected_is_refused(int period, int attempt)
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var stray = new RenewalAttempt(period, attempt, Utc(2026, 12, 21), RenewalResult.Approved, null);
        Assert.Throws<InvalidOperationException>(() => subscription.Record(stray, DunningSchedule.Default));
        Assert.Equal(1, subscription.CurrentPeriodNumber);
        Assert.Empty(subscription.Attempts);
    }

    [Fact]
    public void Trial_converts_to_active_when_its_first_charge_is_approved()
    {
        var subscription = Start(Trial, Utc(2026, 11, 21));
        Assert.Null(subscription.ChargeDue(Utc(2026, 12, 20)));

        var due = subscription.Answer(Utc(2026, 12, 21), RenewalResult.Approved);

        Assert.Equal(1, due.Charge.Period.Number);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(new BillingPeriod(1, Utc(2026, 12, 21), Utc(2027, 1, 21)), subscription.CurrentPeriod);
        Assert.Equal(Utc(2027, 1, 21), subscription.NextChargeAt);
    }

    [Fact]
    public void Declined_trial_conversion_is_retried_and_a_late_approval_keeps_the_billing_anchor()
    {
        var subscription = Start(Trial, Utc(2026, 11, 21));
        subscription.Answer(Utc(2026, 12, 21), RenewalResult.Declined, "DECLINED");
        Assert.Equal(SubscriptionStatus.PastDue, subscription.Status);
        Assert.Equal(0, subscription.CurrentPeriodNumber);

        subscription.Answer(Utc(2026, 12, 22), RenewalResult.Approved);

        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(new BillingPeriod(1, Utc(2026, 12, 21), Utc(2027, 1, 21)), subscription.CurrentPeriod);
        Assert.Equal(Utc(2027, 1, 21), subscription.NextChargeAt);
        Assert.Null(subscription.PastDueSince);
    }

    [Fact]
    public void Every_attempt_is_recorded_with_its_number_time_result_and_reason()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.Answer(Utc(2026, 12, 21), RenewalResult.Declined, "acquirer: insufficient funds");
        subscription.Answer(Utc(2026, 12, 22), RenewalResult.Approved, "APPROVED");

        Assert.Equal(
            [
                new RenewalAttempt(2, 1, Utc(2026, 12, 21), RenewalResult.Declined, "acquirer: insufficient funds"),
                new RenewalAttempt(2, 2, Utc(2026, 12, 22), RenewalResult.Approved, "APPROVED"),
            ],
            subscription.Attempts);
    }
}
