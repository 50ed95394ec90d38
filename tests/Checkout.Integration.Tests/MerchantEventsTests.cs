namespace Checkout.Integration.Tests;

using System.Text.Json;
using Checkout.Acquiring;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The store hears of every subscription change as a Standard Webhooks event, verified by the <c>StandardWebhooks</c>
/// package, with what the store needs to act and never a token; only the types each endpoint lists.
/// </summary>
public sealed class MerchantEventsTests
{
    [Fact]
    public async Task A_new_subscription_and_its_renewal_reach_the_store_signed_with_their_amounts_and_no_token()
    {
        await using var events = await MerchantEventsHarness.StartAsync();

        var subscription = await events.Renewals.SignUpAsync("premium-monthly");
        await events.Receiver.WaitForAsync(r => r.Any(e => e.Type == MerchantEventTypes.SubscriptionCreated));
        events.Renewals.AdvanceTo(subscription.NextChargeAt!.Value);
        await events.Renewals.RunSchedulerAsync();
        await events.Receiver.WaitForAsync(r => r.Any(e => e.Type == MerchantEventTypes.SubscriptionRenewed));

        var delivered = events.Receiver.Delivered;
        Assert.Equal([MerchantEventTypes.SubscriptionCreated, MerchantEventTypes.SubscriptionRenewed], delivered.Select(e => e.Type));
        Assert.All(delivered, e => Assert.True(e.SignatureValid));
        Assert.All(delivered, e => Assert.Equal(e.WebhookId, e.Json.GetProperty("id").GetString()));
        Assert.All(delivered, e => Assert.StartsWith("evt_", e.WebhookId, StringComparison.Ordinal));
        var renewed = delivered[1].Data;
        Assert.Equal("subscription", renewed.GetProperty("object").GetString());
        Assert.Equal(subscription.Id, renewed.GetProperty("id").GetGuid());
        Assert.Equal("active", renewed.GetProperty("status").GetString());
        Assert.Equal(subscription.PriceMinorUnits, renewed.GetProperty("amount").GetInt64());
        Assert.Equal(subscription.Currency, renewed.GetProperty("currency").GetString());
        Assert.Equal(1, renewed.GetProperty("last_attempt").GetProperty("period").GetInt32() - subscription.CurrentPeriodNumber);
        Assert.All(events.Receiver.Received, e => Assert.DoesNotContain("customer-token", e.Body, StringComparison.OrdinalIgnoreCase));
        Assert.All(events.Receiver.Received, e => Assert.DoesNotContain("token\"", e.Body, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_declined_renewal_tells_the_attempt_and_the_next_retry_and_the_last_one_tells_why_it_was_canceled()
    {
        await using var events = await MerchantEventsHarness.StartAsync();
        var subscription = await events.Renewals.SignUpAsync("premium-monthly");
        events.Renewals.Charger.Behaviour = _ => TokenChargeBehaviour.Decline;

        events.Renewals.AdvanceTo(subscription.NextChargeAt!.Value);
        await events.Renewals.RunSchedulerAsync();
        await events.Receiver.WaitForAsync(r => r.Any(e => e.Type == MerchantEventTypes.SubscriptionRenewalFailed));
        var pastDue = await events.Renewals.FindAsync(subscription.Id);
        var failed = events.Receiver.Delivered.Single(e => e.Type == MerchantEventTypes.SubscriptionRenewalFailed).Data;
        Assert.Equal("past_due", failed.GetProperty("status").GetString());
        Assert.Equal(1, failed.GetProperty("last_attempt").GetProperty("attempt").GetInt32());
        Assert.Equal("declined", failed.GetProperty("last_attempt").GetProperty("result").GetString());
        Assert.Equal(pastDue.NextChargeAt, failed.GetProperty("last_attempt").GetProperty("next_retry_at").GetDateTimeOffset());

        var attempts = 1;
        while ((await events.Renewals.FindAsync(subscription.Id)).NextChargeAt is { } next)
        {
            events.Renewals.AdvanceTo(next);
            await events.Renewals.RunSchedulerAsync();
            attempts++;
        }
        // Each attempt's event and the cancellation, whatever order their deliveries arrive in.
        await events.Receiver.WaitForAsync(_ => events.Receiver.Delivered.Any(e => e.Type == MerchantEventTypes.SubscriptionCanceled)
            && events.Receiver.Delivered.Count(e => e.Type == MerchantEventTypes.SubscriptionRenewalFailed) == attempts);

        var canceled = events.Receiver.Delivered.Single(e => e.Type == MerchantEventTypes.SubscriptionCanceled).Data;
        Assert.Equal("canceled", canceled.GetProperty("status").GetString());
        Assert.Equal(SubscriptionEvents.RenewalsFailed, canceled.GetProperty("cancellation_reason").GetString());
        var lastFailure = events.Receiver.Delivered.Where(e => e.Type == MerchantEventTypes.SubscriptionRenewalFailed)
            .Select(e => e.Data).Single(data => data.GetProperty("last_attempt").GetProperty("attempt").GetInt32() == attempts);
        Assert.Equal(JsonValueKind.Null, lastFailure.GetProperty("last_attempt").TryGetProperty("next_retry_at", out var none) ? none.ValueKind : JsonValueKind.Null);
    }

    [Fact]
    public async Task An_event_staged_in_a_transaction_that_rolls_back_is_never_stored_or_sent()
    {
        await using var events = await MerchantEventsHarness.StartAsync();
        await using (var scope = events.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            MerchantEvents.Add(db, MerchantEventTypes.CheckoutSessionCompleted, new { id = "cs_test", status = "complete" });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        var committed = await events.Renewals.SignUpAsync("premium-monthly");
        await events.Receiver.WaitForAsync(r => r.Count > 0);

        await using (var scope = events.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            Assert.Equal([MerchantEventTypes.SubscriptionCreated], await db.OutboxEvents.Select(e => e.Type).ToListAsync());
        }
        Assert.Equal(committed.Id, Assert.Single(events.Receiver.Received).Data.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_endpoint_gets_only_the_types_it_lists()
    {
        await using var events = await MerchantEventsHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Merchant:Webhooks:store:Events:0"] = MerchantEventTypes.SubscriptionRenewed,
        });

        var subscription = await events.Renewals.SignUpAsync("premium-monthly");
        events.Renewals.AdvanceTo(subscription.NextChargeAt!.Value);
        await events.Renewals.RunSchedulerAsync();
        await events.Receiver.WaitForAsync(r => r.Count > 0);

        Assert.Equal([MerchantEventTypes.SubscriptionRenewed], events.Receiver.Delivered.Select(e => e.Type));
        Assert.Single(await events.DeliveriesAsync());
    }
}
