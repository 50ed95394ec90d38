using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Checkout.Emulator.Tests;

public sealed class ExpiryTests
{
    [Fact]
    public async Task Request_past_expires_at_is_expired_and_announced()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 16, 53, 15, TimeSpan.Zero));
        await using var host = await SandboxHost.StartAsync(time: time);
        var created = await host.CreateAsync(SandboxRequests.OneOffPurchase());
        Assert.Equal("2026-04-01T19:53:15Z", created["expires_at"]!.GetValue<string>());

        time.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        Assert.Equal("SUBMITTED", (await host.ReadAsync(created.Id())).Body.State());

        time.Advance(TimeSpan.FromSeconds(1));
        var received = await host.WaitForWebhooksAsync(webhooks =>
            webhooks.Any(webhook => webhook.EventType == "payment.request.state-change.expired"));
        var (read, expired) = await host.ReadAsync(created.Id());
        var (approve, _) = await host.SimulateAsync(created.Id(), "approve");

        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal("EXPIRED", expired.State());
        Assert.Equal(HttpStatusCode.Conflict, approve);
        Assert.Single(received, webhook => webhook.EventType.EndsWith(".expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configured_lifetime_sets_expires_at()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await SandboxHost.StartAsync(
            new Dictionary<string, string?> { ["Sandbox:Klarna:PaymentRequestLifetime"] = "00:30:00" }, time);

        var created = await host.CreateAsync(SandboxRequests.OneOffPurchase());

        Assert.Equal("2026-04-01T12:30:00Z", created["expires_at"]!.GetValue<string>());
    }
}
