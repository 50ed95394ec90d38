namespace Checkout.Unit.Tests.Domain.Subscriptions;

using Checkout.Domain.Subscriptions;
using static SignUps;

public sealed class RetryNowTests
{
    [Fact]
    public void Retry_now_makes_the_next_attempt_due_now_under_the_same_key_and_changes_nothing_else()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var firstDecline = Utc(2026, 12, 21);
        subscription.Answer(firstDecline, RenewalResult.Declined, "DECLINED");
        var scheduled = subscription.NextAttempt!;
        var before = (subscription.Status, subscription.CurrentPeriodNumber, subscription.PastDueSince, subscription.StatusReason,
            subscription.UpdatedAt, subscription.Attempts.Count);
        var now = firstDecline.AddHours(2);

        Assert.True(subscription.RetryNow(now));

        var due = subscription.ChargeDue(now);
        Assert.NotNull(due);
        Assert.Equal(now, due.DueAt);
        Assert.Equal(scheduled.IdempotencyKey, due.IdempotencyKey);
        Assert.Equal(2, due.AttemptNumber);
        Assert.Equal(before, (subscription.Status, subscription.CurrentPeriodNumber, subscription.PastDueSince, subscription.StatusReason,
            subscription.UpdatedAt, subscription.Attempts.Count));
    }

    [Fact]
    public void A_retry_now_that_is_declined_keeps_the_dunning_schedule_counted_from_the_first_decline()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var firstDecline = Utc(2026, 12, 21);
        subscription.Answer(firstDecline, RenewalResult.Declined);
        var now = firstDecline.AddHours(2);
        subscription.RetryNow(now);

        subscription.Answer(now, RenewalResult.Declined);

        Assert.Equal(firstDecline.AddDays(3), subscription.NextChargeAt);
        Assert.Equal(SubscriptionStatus.PastDue, subscription.Status);
    }

    [Fact]
    public void A_retry_already_due_is_left_as_it_is()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var firstDecline = Utc(2026, 12, 21);
        subscription.Answer(firstDecline, RenewalResult.Declined);

        Assert.False(subscription.RetryNow(firstDecline.AddDays(2)));
        Assert.Equal(firstDecline.AddDays(1), subscription.NextChargeAt);
    }

    [Fact]
    public void Only_a_past_due_subscription_with_a_retry_scheduled_can_be_retried_now()
    {
        var active = Start(Monthly, Utc(2026, 11, 21));
        Assert.Throws<InvalidOperationException>(() => active.RetryNow(Utc(2026, 11, 22)));

        var canceling = Start(Monthly, Utc(2026, 11, 21));
        canceling.Answer(Utc(2026, 12, 21), RenewalResult.Declined);
        canceling.ScheduleCancellation(Utc(2026, 12, 21, 10));
        Assert.Throws<InvalidOperationException>(() => canceling.RetryNow(Utc(2026, 12, 21, 11)));

        var suspended = Start(Monthly, Utc(2026, 11, 21));
        suspended.RevokeToken(Utc(2026, 11, 22), "revoked");
        Assert.Throws<InvalidOperationException>(() => suspended.RetryNow(Utc(2026, 11, 23)));
    }
}
