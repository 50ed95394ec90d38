namespace Checkout.Integration.Tests;

using Checkout.Web.Events;

/// <summary>The operator sees each delivery to the store with its attempts, and resends one.</summary>
public sealed class EventsOperatorViewTests
{
    [Fact]
    public async Task The_operator_sees_a_failing_delivery_with_its_attempts_and_resends_it()
    {
        await using var events = await MerchantEventsHarness.StartAsync(new Dictionary<string, string?> { ["Admin:Key"] = OperatorClient.Key });
        events.Receiver.Behaviour = _ => ReceiverBehaviour.Answer500;
        await events.Renewals.SignUpAsync("premium-monthly");
        await events.WaitForAttemptsAsync(1);
        var delivery = Assert.Single(await events.DeliveriesAsync());
        using var operatorClient = new OperatorClient(events.App);
        await operatorClient.SignInAsync();

        var page = await operatorClient.PageAsync("admin/events");
        Assert.Contains(delivery.EventId, page, StringComparison.Ordinal);
        Assert.Contains(MerchantEventTypes.SubscriptionCreated, page, StringComparison.Ordinal);
        Assert.Contains("The endpoint answered 500.", page, StringComparison.Ordinal);

        events.Receiver.Behaviour = _ => ReceiverBehaviour.Accept;
        await operatorClient.PostFormAsync("admin/events", "handler=Resend");
        await events.Receiver.WaitForAsync(r => r.Any(e => e.Answered == ReceiverBehaviour.Accept));

        Assert.Equal(delivery.EventId, Assert.Single(events.Receiver.Delivered).WebhookId);
    }
}
