namespace Checkout.Unit.Tests.Domain.Subscriptions;

using Checkout.Domain.Subscriptions;

public sealed class SubscriptionTransitionTests
{
    [Theory]
    [InlineData(SubscriptionStatus.Trialing, SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.Trialing, SubscriptionStatus.PastDue)]
    [InlineData(SubscriptionStatus.Trialing, SubscriptionStatus.Canceled)]
    [InlineData(SubscriptionStatus.Trialing, SubscriptionStatus.Suspended)]
    [InlineData(SubscriptionStatus.Active, SubscriptionStatus.PastDue)]
    [InlineData(SubscriptionStatus.Active, SubscriptionStatus.Canceled)]
    [InlineData(SubscriptionStatus.Active, SubscriptionStatus.Suspended)]
    [InlineData(SubscriptionStatus.PastDue, SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.PastDue, SubscriptionStatus.Canceled)]
    [InlineData(SubscriptionStatus.PastDue, SubscriptionStatus.Suspended)]
    [InlineData(SubscriptionStatus.Suspended, SubscriptionStatus.Canceled)]
    public void Allowed_transitions(SubscriptionStatus from, SubscriptionStatus to)
    {
        Assert.True(SubscriptionTransitions.IsAllowed(from, to));
        SubscriptionTransitions.EnsureAllowed(from, to);
    }

    [Theory]
    [InlineData(SubscriptionStatus.Canceled, SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.Canceled, SubscriptionStatus.Suspended)]
    [InlineData(SubscriptionStatus.Suspended, SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.Suspended, SubscriptionStatus.PastDue)]
    [InlineData(SubscriptionStatus.Active, SubscriptionStatus.Trialing)]
    [InlineData(SubscriptionStatus.PastDue, SubscriptionStatus.Trialing)]
    public void Refused_transitions_say_which(SubscriptionStatus from, SubscriptionStatus to)
    {
        Assert.False(SubscriptionTransitions.IsAllowed(from, to));
        var error = Assert.Throws<InvalidOperationException>(() => SubscriptionTransitions.EnsureAllowed(from, to));
        Assert.Equal($"A subscription cannot move from {from} to {to}.", error.Message);
    }

    [Fact]
    public void Only_canceled_is_final_and_only_trialing_active_and_past_due_renew()
    {
        Assert.Equal([SubscriptionStatus.Canceled], Enum.GetValues<SubscriptionStatus>().Where(s => s.IsFinal()));
        Assert.Equal(
            [SubscriptionStatus.Trialing, SubscriptionStatus.Active, SubscriptionStatus.PastDue],
            Enum.GetValues<SubscriptionStatus>().Where(s => s.Renews()));
    }
}
