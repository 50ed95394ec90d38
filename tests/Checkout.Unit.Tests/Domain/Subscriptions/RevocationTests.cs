namespace Checkout.Unit.Tests.Domain.Subscriptions;

using Checkout.Domain.Subscriptions;
using static SignUps;

public sealed class RevocationTests
{
    [Fact]
    public void Revoked_token_at_renewal_suspends_at_once_without_retries()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.Answer(Utc(2026, 12, 21), RenewalResult.TokenRevoked, "customer token revoked");

        Assert.Equal(SubscriptionStatus.Suspended, subscription.Status);
        Assert.Equal("customer token revoked", subscription.StatusReason);
        Assert.Null(subscription.NextChargeAt);
        Assert.Null(subscription.ChargeDue(Utc(2027, 6, 1)));
        Assert.Equal(RenewalResult.TokenRevoked, Assert.Single(subscription.Attempts).Result);
    }

    [Fact]
    public void Revoked_token_while_past_due_ends_the_retries()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.Answer(Utc(2026, 12, 21), RenewalResult.Declined);
        subscription.Answer(Utc(2026, 12, 22), RenewalResult.TokenRevoked);

        Assert.Equal(SubscriptionStatus.Suspended, subscription.Status);
        Assert.Null(subscription.PastDueSince);
        Assert.Null(subscription.ChargeDue(Utc(2027, 1, 1)));
    }

    [Fact]
    public void Klarna_reporting_the_token_revoked_suspends_without_an_attempt()
    {
        var subscription = Start(Trial, Utc(2026, 11, 21));
        Assert.True(subscription.RevokeToken(Utc(2026, 11, 25), "revoked by the shopper in the Klarna app"));
        Assert.False(subscription.RevokeToken(Utc(2026, 11, 26), "again"));

        Assert.Equal(SubscriptionStatus.Suspended, subscription.Status);
        Assert.Equal("revoked by the shopper in the Klarna app", subscription.StatusReason);
        Assert.Empty(subscription.Attempts);
        Assert.Null(subscription.ChargeDue(Utc(2026, 12, 21)));
    }

    [Fact]
    public void A_suspended_subscription_records_no_new_attempt()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.RevokeToken(Utc(2026, 12, 1), null);
        var attempt = new RenewalAttempt(2, 1, Utc(2026, 12, 21), RenewalResult.Approved, null);
        Assert.Throws<InvalidOperationException>(() => subscription.Record(attempt, DunningSchedule.Default));
    }

    [Fact]
    public void A_canceled_subscription_ignores_a_revocation()
    {
        var subscription = Start(Monthly, Utc(2026, 11, 21));
        subscription.ScheduleCancellation(Utc(2026, 12, 1));
        subscription.CompleteCancellation(Utc(2026, 12, 21));
        Assert.False(subscription.RevokeToken(Utc(2026, 12, 22), null));
        Assert.Equal(SubscriptionStatus.Canceled, subscription.Status);
    }
}
