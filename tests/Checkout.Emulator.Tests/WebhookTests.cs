using System.Security.Cryptography;
using System.Text;

namespace Checkout.Emulator.Tests;

public sealed class WebhookTests
{
    [Fact]
    public async Task State_changes_arrive_in_order_as_signed_webhooks()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = (await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase())).Id();
        await host.SimulateAsync(id, "approve");

        var received = await host.WaitForWebhooksAsync(webhooks => webhooks.Length >= 3);

        Assert.Equal(
            ["payment.request.state-change.submitted", "payment.request.state-change.in-progress", "payment.request.state-change.completed"],
            received.Select(webhook => webhook.EventType));
        var (keyId, secret) = host.SigningKey;
        foreach (var webhook in received)
        {
            Assert.Equal(keyId, webhook.KeyId);
            Assert.Equal(ExpectedSignature(secret, webhook.Body), webhook.Signature);
            Assert.StartsWith("application/json", webhook.ContentType, StringComparison.Ordinal);
        }

        var completed = received[2].Json;
        Assert.Equal("v2", completed["metadata"]!["event_version"]!.GetValue<string>());
        Assert.False(completed["metadata"]!["live"]!.GetValue<bool>());
        Assert.Equal(id, completed["payload"]!["payment_request_id"]!.GetValue<string>());
        Assert.Equal("COMPLETED", completed["payload"]!["state"]!.GetValue<string>());
        Assert.StartsWith("krn:network:eu1:test:session-token:",
            completed["payload"]!["klarna_network_session_token"]!.GetValue<string>());
        Assert.NotNull(completed["payload"]!["klarna_customer"]!["customer_token"]);
    }

    [Fact]
    public async Task Failed_delivery_is_retried_with_the_same_bytes()
    {
        await using var host = await SandboxHost.StartAsync();
        host.WebhookStatus = attempt => attempt == 1 ? 500 : 200;

        await host.CreateAsync(SandboxRequests.OneOffPurchase());
        var received = await host.WaitForWebhooksAsync(webhooks => webhooks.Length >= 2);

        Assert.Equal(received[0].EventId, received[1].EventId);
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.Equal(received[0].Signature, received[1].Signature);
    }

    [Fact]
    public async Task Delivery_gives_up_after_the_configured_retries()
    {
        await using var host = await SandboxHost.StartAsync();
        host.WebhookStatus = _ => 503;

        await host.CreateAsync(SandboxRequests.OneOffPurchase());
        await host.WaitForWebhooksAsync(webhooks => webhooks.Length >= 3);
        await Task.Delay(300);

        Assert.Equal(3, host.Webhooks.Count);
    }

    [Fact]
    public async Task Configured_webhook_url_receives_the_events()
    {
        await using var receiver = await SandboxHost.StartAsync();
        await using var host = await SandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Klarna:WebhookUrl"] = new Uri(receiver.Address, "/api/webhooks/klarna").ToString(),
        });

        await host.CreateAsync(SandboxRequests.OneOffPurchase());

        var received = await receiver.WaitForWebhooksAsync(webhooks => webhooks.Length >= 1);
        Assert.Equal("payment.request.state-change.submitted", received[0].EventType);
        Assert.Empty(host.Webhooks);
    }

    private static string ExpectedSignature(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
