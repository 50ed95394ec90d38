namespace Checkout.Unit.Tests.Domain;

using Checkout.Domain.Orders;
using Checkout.Domain.Tokens;

public sealed class OrderTransitionTests
{
    [Theory]
    [InlineData(OrderStatus.Open, OrderStatus.AwaitingShopper)]
    [InlineData(OrderStatus.AwaitingShopper, OrderStatus.Authorizing)]
    [InlineData(OrderStatus.AwaitingShopper, OrderStatus.Completed)]
    [InlineData(OrderStatus.AwaitingShopper, OrderStatus.KlarnaDeclined)]
    [InlineData(OrderStatus.AwaitingShopper, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Authorizing, OrderStatus.Completed)]
    [InlineData(OrderStatus.Authorizing, OrderStatus.PaymentDeclined)]
    [InlineData(OrderStatus.Authorizing, OrderStatus.Expired)]
    public void Allowed_transitions_move_forward(OrderStatus from, OrderStatus to) =>
        Assert.True(OrderTransitions.IsAllowed(from, to));

    [Theory]
    [InlineData(OrderStatus.Completed, OrderStatus.Authorizing)]
    [InlineData(OrderStatus.PaymentDeclined, OrderStatus.Completed)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.AwaitingShopper)]
    [InlineData(OrderStatus.Open, OrderStatus.Completed)]
    [InlineData(OrderStatus.AwaitingShopper, OrderStatus.PaymentDeclined)]
    public void Final_or_skipping_transitions_are_refused(OrderStatus from, OrderStatus to)
    {
        Assert.False(OrderTransitions.IsAllowed(from, to));
        Assert.Throws<InvalidOperationException>(() => OrderTransitions.EnsureAllowed(from, to));
    }

    [Fact]
    public void Completed_outcome_authorizes_when_money_is_due_and_completes_when_not()
    {
        var outcome = new PaymentRequestOutcome("krn:1", null, PaymentRequestState.Completed, null, null);
        Assert.Equal(OrderStatus.Authorizing, outcome.NextStatus(chargesNow: true));
        Assert.Equal(OrderStatus.Completed, outcome.NextStatus(chargesNow: false));
    }

    [Fact]
    public void Session_token_lasts_one_hour()
    {
        var received = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var token = new NetworkSessionToken("krn:network:eu1:test:session-token:abc", received);
        Assert.False(token.IsExpired(received.AddMinutes(59)));
        Assert.True(token.IsExpired(received.AddHours(1)));
    }

    [Fact]
    public void Tokens_never_print_their_value()
    {
        Assert.DoesNotContain("secret", new CustomerToken("krn:secret", "ref").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", new NetworkSessionToken("krn:secret", DateTimeOffset.UnixEpoch).ToString(), StringComparison.Ordinal);
    }
}
