namespace Checkout.Integration.Tests;

using System.Text.Json;
using Checkout.Acquiring;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Events reach the store at least once whatever its receiver does: errors, silence, an hour down, the app restarting;
/// after three days of failures a delivery is marked failed and kept for the operator to resend.
/// </summary>
public sealed class MerchantEventDeliveryTests
{
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
    public async Task A_pass_whose_claim_on_one_delivery_lapsed_records_the_others_and_leaves_that_one_to_its_new_claimer()
    {
        // The worker looks once at start, then not for an hour: the test makes the pass itself.
        await using var events = await MerchantEventsHarness.StartAsync(new Dictionary<string, string?> { ["Merchant:EventDelivery:PollInterval"] = "01:00:00" });
        for (var i = 0; i < 3; i++)
        {
            await events.Renewals.SignUpAsync("premium-monthly");
        }
        await using var scope = events.App.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<EventDeliveryStore>();
        var lease = scope.ServiceProvider.GetRequiredService<WorkLease>();
        var pass = lease.NewClaim();
        var due = await store.ClaimDueAsync(pass, 32, CancellationToken.None);
        Assert.Equal(3, due.Count);

        // The pass outlives its lease, and another claimer takes one of its deliveries over before it records.
        events.Renewals.AdvanceTo(pass.Until + TimeSpan.FromSeconds(1));
        var takenOver = due[1].Delivery;
        Assert.NotNull(await store.ClaimAsync(takenOver.Id, lease.NewClaim(), CancellationToken.None));
        var sent = due.Select(d => new SentAttempt(d.Delivery, new AttemptOutcome(true, 204, null, 12), events.Clock.GetUtcNow())).ToList();
        var lapsed = await store.RecordAsync(sent, pass, CancellationToken.None);

        Assert.Equal(takenOver.Id, Assert.Single(lapsed).Id);
        var deliveries = await events.DeliveriesAsync();
        Assert.All(deliveries.Where(d => d.Id != takenOver.Id), d => Assert.Equal((EventDeliveryStatus.Delivered, 1, (string?)null), (d.Status, d.Attempts, d.ClaimedBy)));
        var stillOwed = deliveries.Single(d => d.Id == takenOver.Id);
        Assert.Equal((EventDeliveryStatus.Pending, 0), (stillOwed.Status, stillOwed.Attempts));
        Assert.NotNull(stillOwed.ClaimedBy);
        var attempts = await events.AttemptsAsync();
        Assert.Equal(2, attempts.Count);
        Assert.DoesNotContain(attempts, a => a.DeliveryId == takenOver.Id);
    }
}
