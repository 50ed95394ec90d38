namespace Checkout.Integration.Tests;

using Checkout.Acquiring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

/// <summary>Klarna's network session token lasts one hour: an acquirer down past that ends in a clear, retryable state.</summary>
public sealed class SessionTokenExpiryTests
{
    [Fact]
    public async Task Order_expires_when_the_acquirer_is_down_longer_than_the_session_token_lives()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ledger = new AcquirerLedger();
        using var app = CheckoutAppFactory.With(null, 0, null, s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
            s.Decorate<IAcquirer>((_, inner) => new UnavailableWhile(new RecordingAcquirer(inner, ledger), () => true));
        });
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
        await shopper.WaitForStatusAsync("Authorizing");

        // The acquirer stays down: bringing it back at the moment of the shift races an attempt that checked the
        // token just before, which then reaches the acquirer and is declined for the expired token (right, but a
        // different ending from the one this test is about).
        // An attempt in flight at the shift schedules its retry after it on the fake clock: keep the clock moving.
        clock.Advance(TimeSpan.FromMinutes(61));
        var status = await Eventually.MatchesAsync($"order {shopper.CheckoutId} to be final", async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            return await shopper.StatusAsync();
        }, seen => seen.GetProperty("final").GetBoolean());

        Assert.Equal("Expired", status.GetProperty("status").GetString());
        Assert.Empty(ledger.Answers);
        Assert.Contains("try again", await shopper.ConfirmationPageAsync(), StringComparison.OrdinalIgnoreCase);
    }


    private sealed class UnavailableWhile(IAcquirer inner, Func<bool> down) : IAcquirer
    {
        public Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken) =>
            down() ? throw new AcquirerUnavailableException("The acquirer is down (test).") : inner.AuthorizeAsync(request, cancellationToken);
    }
}
