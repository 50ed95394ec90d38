namespace Checkout.Integration.Tests;

using System.Text.Json;
using Checkout.Acquiring;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The store hears of every subscription change as a Standard Webhooks event, verified by the <c>StandardWebhooks</c>
/// package: delivered at least once whatever the receiver does, never carrying a token.
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
    public async Task An_event_the_receiver_answers_500_to_is_sent_again_with_the_same_webhook_id_until_it_is_accepted()
    {
        await using var events = await MerchantEventsHarness.StartAsync();
        events.Receiver.Behaviour = n => n <= 2 ? ReceiverBehaviour.Answer500 : ReceiverBehaviour.Accept;

        await events.Renewals.SignUpAsync("premium-monthly");
        await events.WaitForAttemptsAsync(1);
        await events.RetryPendingAsync();
        await events.RetryPendingAsync();

        Assert.Equal(3, events.Receiver.Received.Count);
        Assert.Single(events.Receiver.Received.Select(r => r.WebhookId).Distinct());
        Assert.All(events.Receiver.Received, r => Assert.True(r.SignatureValid));
        var delivery = Assert.Single(await events.DeliveriesAsync());
        Assert.Equal((EventDeliveryStatus.Delivered, 3), (delivery.Status, delivery.Attempts));
        Assert.Equal([500, 500, 204], (await events.AttemptsAsync()).Select(a => a.StatusCode ?? 0));
    }

    [Fact]
    public async Task An_attempt_the_receiver_does_not_answer_in_time_fails_and_the_next_one_delivers()
    {
        await using var events = await MerchantEventsHarness.StartAsync(new Dictionary<string, string?> { ["Merchant:EventDelivery:AttemptTimeout"] = "00:00:05" });
        events.Receiver.Behaviour = n => n == 1 ? ReceiverBehaviour.Hang : ReceiverBehaviour.Accept;

        await events.Renewals.SignUpAsync("premium-monthly");
        await events.WaitForAttemptsAsync(1);
        await events.RetryPendingAsync();

        var attempts = await events.AttemptsAsync();
        Assert.Null(attempts[0].StatusCode);
        Assert.StartsWith("No answer within 5 s", attempts[0].Error, StringComparison.Ordinal);
        Assert.Equal(204, attempts[1].StatusCode);
        Assert.Single(events.Receiver.Delivered);
    }

    [Fact]
    public async Task A_receiver_down_for_an_hour_gets_the_event_once_it_is_back()
    {
        await using var events = await MerchantEventsHarness.StartAsync();
        await events.Receiver.StopAsync();
        var start = events.Clock.GetUtcNow();

        await events.Renewals.SignUpAsync("premium-monthly");
        await events.WaitForAttemptsAsync(1);
        while (events.Clock.GetUtcNow() < start + TimeSpan.FromHours(1))
        {
            await events.RetryPendingAsync();
        }
        var whileDown = await events.AttemptsAsync();
        Assert.True(whileDown.Count >= 5, $"{whileDown.Count} attempts in the hour");
        Assert.All(whileDown, a => Assert.Null(a.StatusCode));
        Assert.Equal(EventDeliveryStatus.Pending, Assert.Single(await events.DeliveriesAsync()).Status);

        await events.Receiver.StartAgainAsync();
        await events.RetryPendingAsync();

        var delivered = Assert.Single(events.Receiver.Delivered);
        Assert.Equal(MerchantEventTypes.SubscriptionCreated, delivered.Type);
        Assert.Equal(EventDeliveryStatus.Delivered, Assert.Single(await events.DeliveriesAsync()).Status);
    }

    [Fact]
    public async Task An_event_stored_just_before_the_app_stopped_is_delivered_after_it_restarts_on_the_same_database()
    {
        var databasePath = CheckoutAppFactory.NewDatabasePath();
        try
        {
            EventReceiver receiver;
            Guid subscriptionId;
            // The worker looks once at start, then not for an hour: the change is stored, and the app stops before any attempt.
            await using (var before = await MerchantEventsHarness.StartAsync(new Dictionary<string, string?> { ["Merchant:EventDelivery:PollInterval"] = "01:00:00" }, databasePath))
            {
                subscriptionId = (await before.Renewals.SignUpAsync("premium-monthly")).Id;
                Assert.Equal(EventDeliveryStatus.Pending, Assert.Single(await before.DeliveriesAsync()).Status);
                Assert.Empty(await before.AttemptsAsync());
                receiver = before.Receiver;
                Assert.Empty(receiver.Received);
            }

            await using var after = await MerchantEventsHarness.StartAsync(databasePath: databasePath);
            // The endpoint is configured again with the new receiver's address under the same name.
            await after.Receiver.WaitForAsync(r => r.Count > 0);

            var delivered = Assert.Single(after.Receiver.Delivered);
            Assert.Equal(MerchantEventTypes.SubscriptionCreated, delivered.Type);
            Assert.Equal(subscriptionId, delivered.Data.GetProperty("id").GetGuid());
        }
        finally
        {
            CheckoutAppFactory.DeleteDatabase(databasePath);
        }
    }

    [Fact]
    public async Task A_delivery_that_failed_for_three_days_is_marked_failed_kept_and_can_be_resent()
    {
        await using var events = await MerchantEventsHarness.StartAsync();
        events.Receiver.Behaviour = _ => ReceiverBehaviour.Answer500;
        var start = events.Clock.GetUtcNow();

        await events.Renewals.SignUpAsync("premium-monthly");
        await events.WaitForAttemptsAsync(1);
        while ((await events.DeliveriesAsync()).Any(d => d.Status == EventDeliveryStatus.Pending))
        {
            await events.RetryPendingAsync();
        }

        var failed = Assert.Single(await events.DeliveriesAsync());
        Assert.Equal(EventDeliveryStatus.Failed, failed.Status);
        var attempts = await events.AttemptsAsync();
        Assert.InRange(attempts[^1].At, start + TimeSpan.FromDays(2), start + MerchantEvents.DeliverFor);
        Assert.Equal(attempts.Count, events.Receiver.Received.Count);

        events.Receiver.Behaviour = _ => ReceiverBehaviour.Accept;
        await using (var scope = events.App.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<EventDeliveryStore>().ResendAsync(failed.Id, CancellationToken.None));
        }
        await events.Receiver.WaitForAsync(r => r.Any(e => e.Answered == ReceiverBehaviour.Accept));

        Assert.Equal(failed.EventId, Assert.Single(events.Receiver.Delivered).WebhookId);
        await events.App.WaitForAsync(async db => await db.EventDeliveries.AnyAsync(d => d.Status == EventDeliveryStatus.Delivered));
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
