namespace Checkout.Unit.Tests.Domain.Subscriptions;

using Checkout.Domain.Pricing;
using Checkout.Domain.Subscriptions;
using static SignUps;

public sealed class RenewalChargeKeyTests
{
    private static readonly Guid Id = new("0c8a6f53-7d0e-4f29-9a55-3c1e9b7b2a41");

    [Fact]
    public void Charge_key_and_idempotency_key_match_their_test_vectors()
    {
        var charge = new RenewalCharge(Id, new BillingPeriod(3, Utc(2027, 1, 1), Utc(2027, 2, 1)), Money.Of(999, "USD"));
        Assert.Equal("subscription-0c8a6f537d0e4f299a553c1e9b7b2a41-period-3", charge.Key);
        Assert.Equal("subscription-0c8a6f537d0e4f299a553c1e9b7b2a41-period-3-attempt-2", charge.IdempotencyKeyFor(2));
    }

    [Fact]
    public void Charge_key_is_the_same_on_every_call_and_names_only_subscription_and_period()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var first = subscription.ChargeDue(Utc(2026, 12, 21))!;
        var again = subscription.ChargeDue(Utc(2026, 12, 22))!;

        Assert.Equal(first.Charge.Key, again.Charge.Key);
        Assert.Equal(first.IdempotencyKey, again.IdempotencyKey);
        Assert.Equal(RenewalCharge.KeyFor(subscription.Id, 2), first.Charge.Key);
    }

    [Fact]
    public void Charge_keys_differ_per_period_and_per_subscription()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var second = subscription.Answer(Utc(2026, 12, 21), RenewalResult.Approved);
        var third = subscription.ChargeDue(Utc(2027, 1, 21))!;
        var other = Start(Monthly, Utc(2026, 11, 21)).ChargeDue(Utc(2026, 12, 21))!;

        Assert.NotEqual(second.Charge.Key, third.Charge.Key);
        Assert.NotEqual(second.Charge.Key, other.Charge.Key);
        Assert.Equal(second.Charge.Period.Number, other.Charge.Period.Number);
    }

    [Fact]
    public void Unanswered_attempt_is_made_again_under_the_same_key_and_a_retry_under_a_new_one()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        var sent = subscription.ChargeDue(Utc(2026, 12, 21))!;
        var resent = subscription.ChargeDue(Utc(2026, 12, 21, hour: 10))!;
        Assert.Equal(sent.IdempotencyKey, resent.IdempotencyKey);

        subscription.Record(resent.Answered(RenewalResult.Declined, Utc(2026, 12, 21, hour: 10), "insufficient funds"), DunningSchedule.Default);
        var retry = subscription.ChargeDue(Utc(2026, 12, 23))!;
        Assert.Equal(sent.Charge.Key, retry.Charge.Key);
        Assert.Equal(2, retry.AttemptNumber);
        Assert.NotEqual(sent.IdempotencyKey, retry.IdempotencyKey);
    }

    [Fact]
    public void Period_zero_and_attempt_zero_have_no_key()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RenewalCharge.KeyFor(Id, 0));
        var charge = new RenewalCharge(Id, new BillingPeriod(1, Utc(2027, 1, 1), Utc(2027, 2, 1)), Money.Of(999, "USD"));
        Assert.Throws<ArgumentOutOfRangeException>(() => charge.IdempotencyKeyFor(0));
    }
}
