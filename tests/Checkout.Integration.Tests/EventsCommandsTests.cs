namespace Checkout.Integration.Tests;

using Checkout.Web.Events;
using Microsoft.Extensions.Configuration;

/// <summary><c>events send</c>: a sample event a receiver being built can verify with its Standard Webhooks library.</summary>
public sealed class EventsCommandsTests
{
    [Fact]
    public async Task A_sample_event_is_signed_so_the_receiver_verifies_it_and_the_command_reports_the_answer()
    {
        await using var receiver = await EventReceiver.StartAsync();
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await EventsCommands.SendAsync(
            ["send", MerchantEventTypes.SubscriptionRenewalFailed, "--to", receiver.Url, "--secret", EventReceiver.Secret],
            new ConfigurationBuilder().Build(), output, errors);

        Assert.Equal(0, exit);
        var received = Assert.Single(receiver.Received);
        Assert.True(received.SignatureValid);
        Assert.Equal(MerchantEventTypes.SubscriptionRenewalFailed, received.Type);
        Assert.Equal("past_due", received.Data.GetProperty("status").GetString());
        Assert.Contains("Delivered: the receiver answered 204.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_secret_it_signs_with_the_configured_endpoints_secret()
    {
        await using var receiver = await EventReceiver.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(receiver.Settings()).Build();

        var exit = await EventsCommands.SendAsync(["send", MerchantEventTypes.RideCharged, "--to", receiver.Url], configuration, new StringWriter(), new StringWriter());

        Assert.Equal(0, exit);
        Assert.True(Assert.Single(receiver.Received).SignatureValid);
    }

    [Fact]
    public async Task An_unknown_type_is_refused_with_the_types_there_are()
    {
        var errors = new StringWriter();

        var exit = await EventsCommands.SendAsync(["send", "order.paid", "--to", "http://127.0.0.1:9/"], new ConfigurationBuilder().Build(), new StringWriter(), errors);

        Assert.Equal(1, exit);
        Assert.Contains(MerchantEventTypes.SubscriptionRenewed, errors.ToString(), StringComparison.Ordinal);
    }
}
