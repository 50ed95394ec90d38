namespace Checkout.Integration.Tests;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// The shopper's cancellation against a charge in flight: it waits for the scheduler's claim, never loses an answer
/// the acquirer gave, and after it nothing more is charged.
/// </summary>
public sealed class ShopperCancellationTests : IDisposable
{
    private static readonly TimeSpan JustAfter = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TokenChargeLedger _ledger = new();
    private readonly RenewalsHarness _renewals;

    public ShopperCancellationTests() => _renewals = new RenewalsHarness(_clock, _ledger, chargeDelay: TimeSpan.FromSeconds(1));

    [Fact]
    public async Task A_cancel_while_a_charge_is_being_made_waits_for_its_answer_then_nothing_more_is_charged()
    {
        var signedUp = await _renewals.SignUpAsync("premium-monthly");
        _renewals.AdvanceTo(signedUp.NextChargeAt!.Value + JustAfter);

        var pass = Task.Run(_renewals.RunSchedulerAsync);
        await UntilAsync(() => !_ledger.Calls.IsEmpty);
        Assert.Equal(CancellationOutcome.Scheduled, await CancelAsync(signedUp.Id));
        await pass;

        var canceling = await _renewals.FindAsync(signedUp.Id);
        var attempt = Assert.Single(canceling.Attempts);
        Assert.Equal((2, RenewalResult.Approved), (attempt.PeriodNumber, attempt.Result));
        Assert.Equal((2, true, null), (canceling.CurrentPeriodNumber, canceling.CancelAtPeriodEnd, canceling.NextChargeAt));
        Assert.Equal(canceling.Period(2).End, canceling.CancelsAt);

        await EndOfTheStoryAsync(canceling);
    }

    [Fact]
    public async Task A_charge_whose_answer_was_lost_is_still_recorded_after_the_shopper_cancels()
    {
        var signedUp = await _renewals.SignUpAsync("premium-monthly");
        _renewals.AdvanceTo(signedUp.NextChargeAt!.Value + JustAfter);
        _renewals.Charger.Behaviour = _ => TokenChargeBehaviour.AnswerThenTimeOut;
        await _renewals.RunSchedulerAsync();
        var inFlight = (await _renewals.WorkAsync(signedUp.Id)).InFlightKey;
        Assert.NotNull(inFlight);

        Assert.Equal(CancellationOutcome.Scheduled, await CancelAsync(signedUp.Id));
        Assert.Equal(inFlight, (await _renewals.WorkAsync(signedUp.Id)).InFlightKey);

        _renewals.Charger.Behaviour = _ => TokenChargeBehaviour.Approve;
        _clock.Advance(TimeSpan.FromMinutes(10));
        await _renewals.RunSchedulerAsync();

        var canceling = await _renewals.FindAsync(signedUp.Id);
        Assert.Equal((2, RenewalResult.Approved), (Assert.Single(canceling.Attempts).PeriodNumber, canceling.Attempts[0].Result));
        Assert.Equal(canceling.Period(2).End, canceling.CancelsAt);
        Assert.Single(_ledger.Charges);
        await EndOfTheStoryAsync(canceling);
    }

    public void Dispose() => _renewals.Dispose();

    /// <summary>Past the period the shopper paid for, the subscription is canceled, and no pass charges again.</summary>
    private async Task EndOfTheStoryAsync(Subscription canceling)
    {
        var calls = _ledger.Calls.Count;
        _renewals.AdvanceTo(canceling.CancelsAt!.Value + JustAfter);
        await _renewals.RunSchedulerAsync();
        _clock.Advance(TimeSpan.FromDays(70));
        await _renewals.RunSchedulerAsync();

        var ended = await _renewals.FindAsync(canceling.Id);
        Assert.Equal((SubscriptionStatus.Canceled, canceling.CancelsAt), (ended.Status, ended.CanceledAt));
        Assert.Single(ended.Attempts);
        Assert.Equal(calls, _ledger.Calls.Count);
        Assert.Equal(CancellationOutcome.AlreadyEnded, await CancelAsync(canceling.Id));
    }

    private async Task<CancellationOutcome> CancelAsync(Guid id)
    {
        await using var scope = _renewals.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopperCancellation>().CancelAtPeriodEndAsync(id, CancellationToken.None);
    }

    private static Task UntilAsync(Func<bool> condition) => Eventually.HoldsAsync("the charge to be sent", condition);
}
