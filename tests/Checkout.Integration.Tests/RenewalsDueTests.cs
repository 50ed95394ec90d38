namespace Checkout.Integration.Tests;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

/// <summary>What a scheduler pass lists: charges in flight first, then the longest due, at most a batch, none held or not yet due.</summary>
public sealed class RenewalsDueTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly RenewalsHarness _renewals;

    public RenewalsDueTests() => _renewals = new RenewalsHarness(_clock, new TokenChargeLedger());

    [Fact]
    public async Task Lists_the_longest_due_first_at_most_the_batch_and_none_held_or_not_yet_due()
    {
        var first = await SignUpThenWaitADayAsync();
        var second = await SignUpThenWaitADayAsync();
        var held = await SignUpThenWaitADayAsync();
        var third = await SignUpThenWaitADayAsync();
        var notYetDue = await _renewals.SignUpAsync("premium-monthly");
        _renewals.AdvanceTo(third.NextChargeAt!.Value + TimeSpan.FromSeconds(1));
        await using var scope = _renewals.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<SubscriptionStore>();
        Assert.True(await store.TryClaimAsync(held.Id, scope.ServiceProvider.GetRequiredService<WorkLease>().NewClaim(), CancellationToken.None));

        var batch = await store.DueAsync(_clock.GetUtcNow(), 2, CancellationToken.None);
        var all = await store.DueAsync(_clock.GetUtcNow(), 50, CancellationToken.None);

        Assert.Equal([first.Id, second.Id], batch);
        Assert.Equal([first.Id, second.Id, third.Id], all);
        Assert.True(notYetDue.NextChargeAt > _clock.GetUtcNow());
    }

    [Fact]
    public async Task A_charge_in_flight_comes_before_charges_due_longer()
    {
        var longestDue = await SignUpThenWaitADayAsync();
        var inFlight = await SignUpThenWaitADayAsync();
        _renewals.AdvanceTo(inFlight.NextChargeAt!.Value + TimeSpan.FromSeconds(1));
        await using var scope = _renewals.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<SubscriptionStore>();
        var claim = scope.ServiceProvider.GetRequiredService<WorkLease>().NewClaim();
        var claimed = await scope.ServiceProvider.GetRequiredService<RenewalClaims>().ClaimAsync([inFlight.Id], claim, CancellationToken.None);
        Assert.Equal(RenewalCharge.KeyFor(inFlight.Id, 2) + "-attempt-1", Assert.Single(claimed).Due.IdempotencyKey);
        await store.ReleaseAsync(inFlight.Id, claim, CancellationToken.None);

        var batch = await store.DueAsync(_clock.GetUtcNow(), 1, CancellationToken.None);
        var all = await store.DueAsync(_clock.GetUtcNow(), 50, CancellationToken.None);

        Assert.Equal([inFlight.Id], batch);
        Assert.Equal([inFlight.Id, longestDue.Id], all);
    }

    public void Dispose() => _renewals.Dispose();

    private async Task<Subscription> SignUpThenWaitADayAsync()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        _clock.Advance(TimeSpan.FromDays(1));
        return subscription;
    }
}
