namespace Checkout.Integration.Tests;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// Renewals on SQLite: each period charged once, whatever runs twice, crashes or times out; declines retried on the
/// dunning schedule; a revoked token suspends; a trial converts; a cancellation at period end stops the charges.
/// </summary>
public sealed class RenewalsTests : IDisposable
{
    private static readonly TimeSpan JustAfter = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TokenChargeLedger _ledger = new();
    private readonly RenewalsHarness _renewals;

    public RenewalsTests() => _renewals = new RenewalsHarness(_clock, _ledger, chargeDelay: TimeSpan.FromMilliseconds(5));

    [Fact]
    public async Task Two_scheduler_passes_at_once_charge_each_period_once()
    {
        var subscriptions = new List<Subscription>();
        for (var i = 0; i < 12; i++)
        {
            subscriptions.Add(await _renewals.SignUpAsync("premium-monthly"));
        }
        _renewals.AdvanceTo(subscriptions.Max(s => s.NextChargeAt!.Value) + JustAfter);

        await Task.WhenAll(_renewals.RunSchedulerAsync(), _renewals.RunSchedulerAsync());
        await Task.WhenAll(_renewals.RunSchedulerAsync(), _renewals.RunSchedulerAsync());

        foreach (var subscription in subscriptions)
        {
            var key = RenewalCharge.KeyFor(subscription.Id, 2);
            Assert.Equal([key + "-attempt-1"], _ledger.KeysFor(key));
            Assert.Equal(1, _ledger.CallsWith(key + "-attempt-1"));
            var stored = await _renewals.FindAsync(subscription.Id);
            Assert.Equal((SubscriptionStatus.Active, 2), (stored.Status, stored.CurrentPeriodNumber));
            Assert.Equal(subscription.Period(3).Start, stored.NextChargeAt);
        }
        Assert.Equal(subscriptions.Count, _ledger.Calls.Count);
    }

    [Fact]
    public async Task A_crash_after_the_acquirer_answered_is_resent_by_the_next_process_with_the_same_key()
    {
        var databasePath = CheckoutAppFactory.NewDatabasePath();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Subscription subscription;
        string key;
        using (var dying = new RenewalsHarness(clock, _ledger, databasePath))
        {
            subscription = await dying.SignUpAsync("premium-monthly");
            key = RenewalCharge.KeyFor(subscription.Id, 2);
            dying.Charger.Behaviour = _ => TokenChargeBehaviour.AnswerThenCrash;
            dying.AdvanceTo(subscription.NextChargeAt!.Value + JustAfter);

            await dying.RunSchedulerAsync();

            // The acquirer charged; the app recorded nothing but the charge in flight.
            Assert.Single(_ledger.Charges);
            Assert.Equal(key + "-attempt-1", (await dying.WorkAsync(subscription.Id)).InFlightKey);
            Assert.Equal(1, (await dying.FindAsync(subscription.Id)).CurrentPeriodNumber);
        }

        // A new process on the same database, after the dead one's lease would have lapsed.
        var later = new FakeTimeProvider(clock.GetUtcNow() + TimeSpan.FromMinutes(3));
        using var restarted = new RenewalsHarness(later, _ledger, databasePath);
        await restarted.RunSchedulerAsync();
        await restarted.App.WaitForAsync(async db => (await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == subscription.Id)).CurrentPeriodNumber == 2);

        Assert.Equal([key + "-attempt-1"], _ledger.KeysFor(key));
        Assert.Equal(2, _ledger.CallsWith(key + "-attempt-1"));
        Assert.Single(_ledger.Charges);
        var stored = await restarted.FindAsync(subscription.Id);
        Assert.Equal(SubscriptionStatus.Active, stored.Status);
        Assert.Equal(RenewalResult.Approved, Assert.Single(stored.Attempts).Result);
        Assert.Null((await restarted.WorkAsync(subscription.Id)).InFlightKey);
        restarted.Dispose();
        CheckoutAppFactory.DeleteDatabase(databasePath);
    }

    [Fact]
    public async Task A_crash_with_a_full_batch_in_flight_charges_each_period_once_after_the_restart()
    {
        const int Batch = 6;
        var settings = new Dictionary<string, string?> { ["Renewals:BatchSize"] = $"{Batch}", ["Renewals:Concurrency"] = $"{Batch}" };
        var databasePath = CheckoutAppFactory.NewDatabasePath();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var subscriptions = new List<Subscription>();
        using (var dying = new RenewalsHarness(clock, _ledger, databasePath, settings: settings))
        {
            for (var i = 0; i < Batch; i++)
            {
                subscriptions.Add(await dying.SignUpAsync("premium-monthly"));
            }
            // The acquirer charges every one, and the process dies before any answer comes back.
            dying.Charger.Behaviour = _ => TokenChargeBehaviour.AnswerThenHang;
            dying.AdvanceTo(subscriptions.Max(s => s.NextChargeAt!.Value) + JustAfter);

            _ = dying.RunSchedulerAsync();
            await Eventually.HoldsAsync($"all {Batch} charges of the batch in flight at once", () => _ledger.Charges.Count == Batch);

            foreach (var subscription in subscriptions)
            {
                Assert.Equal(RenewalCharge.KeyFor(subscription.Id, 2) + "-attempt-1", (await dying.WorkAsync(subscription.Id)).InFlightKey);
            }
        }

        // A new process on the same database, after the dead one's lease would have lapsed.
        using var restarted = new RenewalsHarness(new FakeTimeProvider(clock.GetUtcNow() + TimeSpan.FromMinutes(3)), _ledger, databasePath, settings: settings);
        await restarted.RunSchedulerAsync();
        // The restarted app's own scheduler makes a pass as it starts, and may be the one that holds the batch.
        var ids = subscriptions.Select(s => s.Id).ToList();
        await restarted.App.WaitForAsync($"all {Batch} renewed to period 2, none in flight", async db =>
            await db.Subscriptions.AsNoTracking().CountAsync(s => ids.Contains(s.Id) && s.CurrentPeriodNumber == 2) == Batch
            && !await db.SubscriptionRenewals.AsNoTracking().AnyAsync(r => ids.Contains(r.SubscriptionId) && r.InFlightKey != null));

        foreach (var subscription in subscriptions)
        {
            var key = RenewalCharge.KeyFor(subscription.Id, 2);
            Assert.Equal([key + "-attempt-1"], _ledger.KeysFor(key));
            Assert.Equal(2, _ledger.CallsWith(key + "-attempt-1"));
            var stored = await restarted.FindAsync(subscription.Id);
            Assert.Equal((SubscriptionStatus.Active, 2), (stored.Status, stored.CurrentPeriodNumber));
            Assert.Equal(RenewalResult.Approved, Assert.Single(stored.Attempts).Result);
            Assert.Null((await restarted.WorkAsync(subscription.Id)).InFlightKey);
        }
        Assert.Equal(Batch, _ledger.Charges.Count);
        restarted.Dispose();
        CheckoutAppFactory.DeleteDatabase(databasePath);
    }

    [Fact]
    public async Task A_timeout_after_the_acquirer_answered_is_resent_with_the_same_key()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        var key = RenewalCharge.KeyFor(subscription.Id, 2);
        var calls = 0;
        _renewals.Charger.Behaviour = _ => Interlocked.Increment(ref calls) == 1 ? TokenChargeBehaviour.AnswerThenTimeOut : TokenChargeBehaviour.Approve;
        _renewals.AdvanceTo(subscription.NextChargeAt!.Value + JustAfter);

        await _renewals.RunSchedulerAsync();
        var waiting = await _renewals.WorkAsync(subscription.Id);
        Assert.Equal(key + "-attempt-1", waiting.InFlightKey);
        Assert.Equal(1, waiting.Attempts);
        // Within its backoff nothing is sent.
        await _renewals.RunSchedulerAsync();
        Assert.Equal(1, _ledger.CallsWith(key + "-attempt-1"));

        _clock.Advance(TimeSpan.FromSeconds(3));
        await _renewals.RunSchedulerAsync();

        Assert.Equal([key + "-attempt-1"], _ledger.KeysFor(key));
        Assert.Equal(2, _ledger.CallsWith(key + "-attempt-1"));
        Assert.Single(_ledger.Charges);
        var stored = await _renewals.FindAsync(subscription.Id);
        Assert.Equal((SubscriptionStatus.Active, 2), (stored.Status, stored.CurrentPeriodNumber));
        Assert.Null((await _renewals.WorkAsync(subscription.Id)).InFlightKey);
    }

    [Fact]
    public async Task An_unreachable_acquirer_is_asked_again_later_under_the_same_key()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        var key = RenewalCharge.KeyFor(subscription.Id, 2) + "-attempt-1";
        _renewals.Charger.Behaviour = _ => TokenChargeBehaviour.Unavailable;
        _renewals.AdvanceTo(subscription.NextChargeAt!.Value + JustAfter);

        await _renewals.RunSchedulerAsync();
        _clock.Advance(TimeSpan.FromSeconds(3));
        await _renewals.RunSchedulerAsync();
        _renewals.Charger.Behaviour = _ => TokenChargeBehaviour.Approve;
        _clock.Advance(TimeSpan.FromSeconds(5));
        await _renewals.RunSchedulerAsync();

        Assert.Equal(3, _ledger.CallsWith(key));
        Assert.Equal([key], _ledger.Calls.Select(c => c.IdempotencyKey).Distinct());
        Assert.Equal(2, (await _renewals.FindAsync(subscription.Id)).CurrentPeriodNumber);
    }

    [Fact]
    public async Task A_request_the_acquirer_refuses_is_no_decline_and_is_asked_again_under_the_same_key()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        var key = RenewalCharge.KeyFor(subscription.Id, 2) + "-attempt-1";
        _renewals.Charger.Behaviour = _ => TokenChargeBehaviour.Reject;
        _renewals.AdvanceTo(subscription.NextChargeAt!.Value + JustAfter);

        await _renewals.RunSchedulerAsync();
        var refused = await _renewals.FindAsync(subscription.Id);
        _renewals.Charger.Behaviour = _ => TokenChargeBehaviour.Approve;
        _clock.Advance(TimeSpan.FromSeconds(5));
        await _renewals.RunSchedulerAsync();

        Assert.Equal(SubscriptionStatus.Active, refused.Status);
        Assert.Empty(refused.Attempts);
        Assert.Equal([key], _ledger.Calls.Select(c => c.IdempotencyKey).Distinct());
        Assert.Equal(2, (await _renewals.FindAsync(subscription.Id)).CurrentPeriodNumber);
    }

    [Fact]
    public async Task A_declined_renewal_is_past_due_retried_after_one_three_and_seven_days_then_canceled()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        var charge = RenewalCharge.KeyFor(subscription.Id, 2);
        _renewals.Charger.Behaviour = _ => TokenChargeBehaviour.Decline;
        var firstDue = subscription.NextChargeAt!.Value;
        _renewals.AdvanceTo(firstDue + JustAfter);

        await _renewals.RunSchedulerAsync();
        var pastDue = await _renewals.FindAsync(subscription.Id);
        Assert.Equal(SubscriptionStatus.PastDue, pastDue.Status);
        var firstDeclinedAt = pastDue.PastDueSince!.Value;
        Assert.Equal(firstDeclinedAt + TimeSpan.FromDays(1), pastDue.NextChargeAt);

        foreach (var (days, attempt) in new[] { (1, 2), (3, 3), (7, 4) })
        {
            // Not a moment before the retry is due.
            _renewals.AdvanceTo(firstDeclinedAt + TimeSpan.FromDays(days) - TimeSpan.FromMinutes(1));
            await _renewals.RunSchedulerAsync();
            Assert.Equal(attempt - 1, _ledger.Calls.Count);

            _renewals.AdvanceTo(firstDeclinedAt + TimeSpan.FromDays(days) + JustAfter);
            await _renewals.RunSchedulerAsync();
            Assert.Equal(attempt, _ledger.Calls.Count);
            Assert.Equal(1, _ledger.CallsWith($"{charge}-attempt-{attempt}"));
        }

        var canceled = await _renewals.FindAsync(subscription.Id);
        Assert.Equal(SubscriptionStatus.Canceled, canceled.Status);
        Assert.Null(canceled.NextChargeAt);
        Assert.Equal([1, 2, 3, 4], canceled.Attempts.Select(a => a.AttemptNumber));
        Assert.All(canceled.Attempts, a => Assert.Equal((RenewalResult.Declined, "Declined by the test acquirer."), (a.Result, a.Reason)));
        _clock.Advance(TimeSpan.FromDays(40));
        await _renewals.RunSchedulerAsync();
        Assert.Equal(4, _ledger.Calls.Count);
    }

    [Fact]
    public async Task A_declined_renewal_that_a_retry_pays_is_active_again_on_the_anchor_day()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        _renewals.Charger.Behaviour = r => r.IdempotencyKey.EndsWith("-attempt-1", StringComparison.Ordinal) ? TokenChargeBehaviour.Decline : TokenChargeBehaviour.Approve;
        _renewals.AdvanceTo(subscription.NextChargeAt!.Value + JustAfter);
        await _renewals.RunSchedulerAsync();
        _clock.Advance(TimeSpan.FromDays(1));

        await _renewals.RunSchedulerAsync();

        var stored = await _renewals.FindAsync(subscription.Id);
        Assert.Equal((SubscriptionStatus.Active, 2), (stored.Status, stored.CurrentPeriodNumber));
        Assert.Equal(subscription.Period(3).Start, stored.NextChargeAt);
        Assert.Single(_ledger.Charges, c => c.Value.Status == Checkout.Acquiring.TokenChargeStatus.Approved);
    }

    [Fact]
    public async Task A_revoked_token_suspends_the_subscription_at_once_and_it_is_never_charged_again()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        _renewals.Charger.Behaviour = _ => TokenChargeBehaviour.Revoke;
        _renewals.AdvanceTo(subscription.NextChargeAt!.Value + JustAfter);

        await _renewals.RunSchedulerAsync();
        _clock.Advance(TimeSpan.FromDays(40));
        await _renewals.RunSchedulerAsync();

        var stored = await _renewals.FindAsync(subscription.Id);
        Assert.Equal(SubscriptionStatus.Suspended, stored.Status);
        Assert.Null(stored.NextChargeAt);
        Assert.StartsWith("PERMANENT", stored.StatusReason, StringComparison.Ordinal);
        Assert.Single(_ledger.Calls);
    }

    [Fact]
    public async Task A_trial_converts_at_its_end_with_the_plans_price()
    {
        var subscription = await _renewals.SignUpAsync("family-trial");
        Assert.Equal(SubscriptionStatus.Trialing, subscription.Status);
        var trialEnd = subscription.NextChargeAt!.Value;

        _renewals.AdvanceTo(trialEnd - TimeSpan.FromMinutes(1));
        await _renewals.RunSchedulerAsync();
        Assert.Empty(_ledger.Calls);
        _renewals.AdvanceTo(trialEnd + JustAfter);
        await _renewals.RunSchedulerAsync();

        var call = Assert.Single(_ledger.Calls);
        Assert.Equal(RenewalCharge.KeyFor(subscription.Id, 1) + "-attempt-1", call.IdempotencyKey);
        Assert.Equal((1499, "USD"), (call.Amount.MinorUnits, call.Amount.Currency.Code));
        Assert.Equal((trialEnd, subscription.Period(1).End), (call.Subscription.PeriodStart, call.Subscription.PeriodEnd));
        Assert.StartsWith("krn:test:customer-token:", call.StoredToken, StringComparison.Ordinal);
        var stored = await _renewals.FindAsync(subscription.Id);
        Assert.Equal((SubscriptionStatus.Active, 1), (stored.Status, stored.CurrentPeriodNumber));
        Assert.Equal(subscription.Period(1).End, stored.NextChargeAt);
    }

    [Fact]
    public async Task A_cancellation_at_period_end_stops_the_charges_and_ends_the_subscription_then()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        await using (var scope = _renewals.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            var tracked = await db.Subscriptions.SingleAsync(s => s.Id == subscription.Id);
            Assert.True(tracked.ScheduleCancellation(_clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        _renewals.AdvanceTo(subscription.CurrentPeriodEnd - TimeSpan.FromMinutes(1));
        await _renewals.RunSchedulerAsync();
        Assert.Equal(SubscriptionStatus.Active, (await _renewals.FindAsync(subscription.Id)).Status);
        _renewals.AdvanceTo(subscription.CurrentPeriodEnd + JustAfter);
        await _renewals.RunSchedulerAsync();
        _clock.Advance(TimeSpan.FromDays(40));
        await _renewals.RunSchedulerAsync();

        Assert.Empty(_ledger.Calls);
        var stored = await _renewals.FindAsync(subscription.Id);
        Assert.Equal(SubscriptionStatus.Canceled, stored.Status);
        Assert.Equal(subscription.CurrentPeriodEnd, stored.CanceledAt);
    }

    public void Dispose() => _renewals.Dispose();
}
