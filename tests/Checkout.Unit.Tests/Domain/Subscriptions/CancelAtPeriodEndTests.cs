namespace Checkout.Unit.Tests.Domain.Subscriptions;

using Checkout.Domain.Subscriptions;
using static SignUps;

public sealed class CancelAtPeriodEndTests
{
    [Fact]
    public void Cancelling_stops_future_charges_and_nothing_else()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var period = subscription.CurrentPeriod;
        var price = subscription.Price;

        Assert.True(subscription.ScheduleCancellation(Utc(2026, 12, 1)));

        Assert.True(subscription.CancelAtPeriodEnd);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(period, subscription.CurrentPeriod);
        Assert.Equal(price, subscription.Price);
        Assert.Empty(subscription.Attempts);
        Assert.Null(subscription.NextChargeAt);
        Assert.Null(subscription.NextAttempt);
        Assert.Null(subscription.ChargeDue(Utc(2026, 12, 21)));
        Assert.Equal(Utc(2026, 12, 21), subscription.CancelsAt);
    }

    [Fact]
    public void Active_until_the_period_end_then_canceled()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.ScheduleCancellation(Utc(2026, 12, 1));

        Assert.False(subscription.CancellationDue(Utc(2026, 12, 21).AddTicks(-1)));
        Assert.Throws<InvalidOperationException>(() => subscription.CompleteCancellation(Utc(2026, 12, 20)));
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);

        Assert.True(subscription.CancellationDue(Utc(2026, 12, 21)));
        subscription.CompleteCancellation(Utc(2026, 12, 21, hour: 10));

        Assert.Equal(SubscriptionStatus.Canceled, subscription.Status);
        Assert.Equal(Utc(2026, 12, 21), subscription.CanceledAt);
        Assert.Equal(1, subscription.CurrentPeriodNumber);
        Assert.False(subscription.CancellationDue(Utc(2027, 1, 1)));
        Assert.Empty(subscription.Attempts);
    }

    [Fact]
    public void Cancelling_a_trial_ends_it_at_the_trial_end_without_a_charge()
    {
        var subscription = Start(Trial, Utc(2026, 11, 21));
        subscription.ScheduleCancellation(Utc(2026, 11, 22));

        Assert.Equal(SubscriptionStatus.Trialing, subscription.Status);
        Assert.Null(subscription.ChargeDue(Utc(2026, 12, 21)));
        subscription.CompleteCancellation(Utc(2026, 12, 21));
        Assert.Equal(SubscriptionStatus.Canceled, subscription.Status);
        Assert.Empty(subscription.Attempts);
    }

    [Fact]
    public void Cancelling_while_past_due_stops_the_retries_and_ends_with_the_last_paid_period()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.Answer(Utc(2026, 12, 21), RenewalResult.Declined);
        subscription.ScheduleCancellation(Utc(2026, 12, 21, hour: 12));

        Assert.Equal(SubscriptionStatus.PastDue, subscription.Status);
        Assert.Null(subscription.ChargeDue(Utc(2026, 12, 30)));
        Assert.True(subscription.CancellationDue(Utc(2026, 12, 21, hour: 12)));
        subscription.CompleteCancellation(Utc(2026, 12, 21, hour: 12));
        Assert.Equal(SubscriptionStatus.Canceled, subscription.Status);
        Assert.Equal(Utc(2026, 12, 21), subscription.CanceledAt);
    }

    [Fact]
    public void An_approval_for_a_charge_already_sent_is_kept_and_the_cancellation_moves_to_that_period_end()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var inFlight = subscription.ChargeDue(Utc(2026, 12, 21))!;
        subscription.ScheduleCancellation(Utc(2026, 12, 21));

        Assert.True(subscription.Record(inFlight.Answered(RenewalResult.Approved, Utc(2026, 12, 21)), DunningSchedule.Default));

        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(2, subscription.CurrentPeriodNumber);
        Assert.Null(subscription.NextChargeAt);
        Assert.Equal(Utc(2027, 1, 21), subscription.CancelsAt);
    }

    [Fact]
    public void Cancelling_twice_or_after_the_end_changes_nothing()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        Assert.True(subscription.ScheduleCancellation(Utc(2026, 12, 1)));
        Assert.False(subscription.ScheduleCancellation(Utc(2026, 12, 2)));
        subscription.CompleteCancellation(Utc(2026, 12, 21));
        Assert.False(subscription.ScheduleCancellation(Utc(2026, 12, 22)));
        Assert.Throws<InvalidOperationException>(() => subscription.CompleteCancellation(Utc(2026, 12, 22)));
    }

    [Fact]
    public void Without_a_cancellation_nothing_is_canceled_at_the_period_end()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        Assert.Null(subscription.CancelsAt);
        Assert.False(subscription.CancellationDue(Utc(2027, 1, 1)));
        Assert.Throws<InvalidOperationException>(() => subscription.CompleteCancellation(Utc(2027, 1, 1)));
    }
}
