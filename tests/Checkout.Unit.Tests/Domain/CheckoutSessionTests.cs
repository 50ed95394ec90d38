namespace Checkout.Unit.Tests.Domain;

using Checkout.Domain.Sessions;

public sealed class CheckoutSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_open_session_reads_expired_from_its_expiry_on()
    {
        var session = CheckoutSession.Open(Request(TimeSpan.FromMinutes(30)), "key", "digest", Now);

        Assert.Equal(CheckoutSessionStatus.Open, session.StatusAt(Now.AddMinutes(29)));
        Assert.Equal(CheckoutSessionStatus.Expired, session.StatusAt(Now.AddMinutes(30)));
    }

    [Theory]
    [InlineData(CheckoutSessionStatus.Open, CheckoutSessionStatus.Complete, true)]
    [InlineData(CheckoutSessionStatus.Open, CheckoutSessionStatus.Canceled, true)]
    [InlineData(CheckoutSessionStatus.Expired, CheckoutSessionStatus.Complete, true)]
    [InlineData(CheckoutSessionStatus.Complete, CheckoutSessionStatus.Complete, false)]
    [InlineData(CheckoutSessionStatus.Complete, CheckoutSessionStatus.Expired, false)]
    [InlineData(CheckoutSessionStatus.Canceled, CheckoutSessionStatus.Complete, false)]
    public void A_session_completes_once_and_an_ended_one_stays_ended(CheckoutSessionStatus from, CheckoutSessionStatus to, bool allowed) =>
        Assert.Equal(allowed, CheckoutSessionTransitions.IsAllowed(from, to));

    private static CheckoutSessionRequest Request(TimeSpan expiresIn) => new(
        "premium-monthly", "account-1", null, null, new Uri("https://store.example/ok"), new Uri("https://store.example/back"), "{}", expiresIn);
}
