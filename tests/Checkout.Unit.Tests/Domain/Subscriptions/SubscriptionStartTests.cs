namespace Checkout.Unit.Tests.Domain.Subscriptions;

using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Domain.Pricing;
using Checkout.Domain.Subscriptions;
using static SignUps;

public sealed class SubscriptionStartTests
{
    [Fact]
    public void Paid_plan_starts_active_with_the_first_period_paid_and_the_next_charge_at_its_end()
    {
        var signedUp = Utc(2026, 11, 21);
        var subscription = Start(Monthly, signedUp);

        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(new BillingPeriod(1, signedUp, Utc(2026, 12, 21)), subscription.CurrentPeriod);
        Assert.Equal(Utc(2026, 12, 21), subscription.NextChargeAt);
        Assert.Equal(Money.Of(999, "USD"), subscription.Price);
        Assert.Equal(BillingInterval.Month, subscription.Interval);
        Assert.Equal(1, subscription.IntervalFrequency);
        Assert.Equal(TokenScope.CustomerNotPresent, subscription.TokenScope);
        Assert.False(subscription.CancelAtPeriodEnd);
        Assert.Empty(subscription.Attempts);

        var next = subscription.NextAttempt!;
        Assert.Equal(2, next.Charge.Period.Number);
        Assert.Equal(1, next.AttemptNumber);
        Assert.Equal(Money.Of(999, "USD"), next.Charge.Amount);
    }

    [Fact]
    public void Trial_plan_starts_trialing_with_its_first_charge_at_the_trial_end()
    {
        var signedUp = Utc(2026, 11, 21);
        var subscription = Start(Trial, signedUp);

        Assert.Equal(SubscriptionStatus.Trialing, subscription.Status);
        Assert.True(subscription.CurrentPeriod.IsTrial);
        Assert.Equal(new BillingPeriod(0, signedUp, Utc(2026, 12, 21)), subscription.CurrentPeriod);
        Assert.Equal(Utc(2026, 12, 21), subscription.BillingAnchor);
        Assert.Equal(Utc(2026, 12, 21), subscription.NextChargeAt);

        var next = subscription.NextAttempt!;
        Assert.Equal(new BillingPeriod(1, Utc(2026, 12, 21), Utc(2027, 1, 21)), next.Charge.Period);
        Assert.Equal(Money.Of(1499, "USD"), next.Charge.Amount);
    }

    [Theory]
    [InlineData("premium-monthly", 2027, 1, 31)]
    [InlineData("premium-monthly", 2026, 11, 21)]
    [InlineData("family-trial", 2027, 1, 31)]
    public void First_renewal_falls_on_the_date_the_plan_told_Klarna(string planId, int year, int month, int day)
    {
        var plan = TestPlans.Find(planId);
        var subscription = Start(plan, Utc(year, month, day, hour: 23));
        Assert.Equal(
            plan.FirstBillingDate(new DateOnly(year, month, day)),
            DateOnly.FromDateTime(subscription.NextChargeAt!.Value.UtcDateTime));
    }

    [Fact]
    public void Subscription_takes_the_sign_up_order_id()
    {
        var orderId = Guid.NewGuid();
        var subscription = Subscription.Start(new SignUp(orderId, Monthly.Id, Monthly.DueNow, Utc(2026, 11, 21)), Monthly);
        Assert.Equal(orderId, subscription.Id);
    }

    [Fact]
    public void On_demand_plan_starts_no_subscription()
    {
        var rides = TestPlans.Find("rides-on-demand");
        Assert.Throws<ArgumentException>(() => Start(rides, Utc(2026, 11, 21)));
    }

    [Fact]
    public void Token_only_sign_up_for_a_plan_charged_at_sign_up_is_refused()
    {
        var tokenOnly = new SignUp(Guid.NewGuid(), Monthly.Id, Money.Of(0, "USD"), Utc(2026, 11, 21));
        Assert.Throws<ArgumentException>(() => Subscription.Start(tokenOnly, Monthly));
    }

    [Fact]
    public void Sign_up_for_another_plan_is_refused()
    {
        var signUp = new SignUp(Guid.NewGuid(), Trial.Id, Trial.DueNow, Utc(2026, 11, 21));
        Assert.Throws<ArgumentException>(() => Subscription.Start(signUp, Monthly));
    }

    [Fact]
    public void Only_a_completed_order_is_a_sign_up()
    {
        var open = Order.Start(Monthly, Utc(2026, 11, 21));
        var error = Assert.Throws<InvalidOperationException>(() => SignUp.Of(open, Utc(2026, 11, 21)));
        Assert.Contains("Open", error.Message, StringComparison.Ordinal);
    }
}
