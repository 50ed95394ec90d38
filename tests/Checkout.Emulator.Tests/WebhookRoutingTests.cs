using System.Security.Cryptography;
using System.Text;

namespace Checkout.Emulator.Tests;

public sealed class WebhookRoutingTests
{
    private const string Completed = "payment.request.state-change.completed";
    private const string Declined = "payment.request.state-change.declined";

    [Fact]
    public async Task The_default_registration_receives_only_the_completed_event()
    {
        await using var host = await SandboxHost.StartAsync(everyEvent: false);
        var id = (await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase())).Id();
        await host.SimulateAsync(id, "approve");

        var received = await host.WaitForWebhooksAsync(webhooks => webhooks.Any(webhook => webhook.EventType == Completed));

        // Events of one request leave in order: a submitted or in-progress event would have arrived first.
        var webhook = Assert.Single(received);
        Assert.Equal(host.SigningKey.Key, webhook.KeyId);
    }

    [Fact]
    public async Task An_event_goes_to_each_subscribed_registration_signed_with_its_own_key()
    {
        await using var host = await SandboxHost.StartAsync(everyEvent: false);
        var key = await host.CreateSigningKeyAsync();
        var (_, registration) = await host.RegisterAsync(
            new Uri(host.Address, "/api/webhooks/klarna").AbsoluteUri, [Completed, Declined], key.Text("signing_key_id")!);
        var id = (await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase())).Id();
        await host.SimulateAsync(id, "approve");

        var received = await host.WaitForWebhooksAsync(webhooks => webhooks.Length >= 2);

        Assert.All(received, webhook => Assert.Equal(Completed, webhook.EventType));
        Assert.Single(received.Select(webhook => webhook.EventId).Distinct());
        var ours = Assert.Single(received, webhook => webhook.KeyId == key.Text("signing_key_id"));
        Assert.Equal(Sign(key.Text("signing_key")!, ours.Body), ours.Signature);
        Assert.Equal(registration.Text("webhook_id"), ours.Json["metadata"]!["webhook_id"]!.GetValue<string>());
        var theirs = Assert.Single(received, webhook => webhook.KeyId == host.SigningKey.Key);
        Assert.Equal(Sign(host.SigningKey.Value, theirs.Body), theirs.Signature);
    }

    [Fact]
    public async Task An_event_type_nobody_subscribed_to_is_not_sent()
    {
        await using var host = await SandboxHost.StartAsync(everyEvent: false);
        var key = await host.CreateSigningKeyAsync();
        await host.RegisterAsync(new Uri(host.Address, "/api/webhooks/klarna").AbsoluteUri, [Declined], key.Text("signing_key_id")!);
        var approved = (await host.CreateAsync(SandboxRequests.OneOffPurchase())).Id();
        var declined = (await host.CreateAsync(SandboxRequests.OneOffPurchase())).Id();
        await host.SimulateAsync(declined, "decline");
        await host.SimulateAsync(approved, "approve");

        var received = await host.WaitForWebhooksAsync(webhooks => webhooks.Length >= 2);
        await Task.Delay(300);

        Assert.Equal(2, host.Webhooks.Count);
        Assert.Single(received, webhook => webhook.EventType == Declined && webhook.KeyId == key.Text("signing_key_id"));
        Assert.Single(received, webhook => webhook.EventType == Completed && webhook.KeyId == host.SigningKey.Key);
    }

    [Fact]
    public async Task After_the_default_registration_is_deleted_the_app_gets_nothing()
    {
        await using var host = await SandboxHost.StartAsync(everyEvent: false);
        var (status, _) = await host.SendAsync(host.Klarna(
            HttpMethod.Delete, "/v2/notification/webhooks/krn:partner:global:notification:webhook:sandbox-default"));
        var id = (await host.CreateAsync(SandboxRequests.OneOffPurchase())).Id();
        await host.SimulateAsync(id, "approve");

        await Task.Delay(500);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, status);
        Assert.Empty(host.Webhooks);
    }

    private static string Sign(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
