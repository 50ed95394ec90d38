using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

public sealed class PaymentRequestApiTests
{
    [Fact]
    public async Task Created_payment_request_is_submitted_with_a_journey_url()
    {
        await using var host = await SandboxHost.StartAsync();

        var created = await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase());

        var id = created.Id();
        Assert.StartsWith("krn:payment:eu1:request:", id);
        Assert.Equal("SUBMITTED", created.State());
        Assert.Equal(999, created["amount"]!.GetValue<long>());
        Assert.Equal("USD", created["currency"]!.GetValue<string>());
        Assert.Equal("order-123", created["payment_request_reference"]!.GetValue<string>());
        var interaction = created["state_context"]!["customer_interaction"]!;
        Assert.Equal("HANDOVER", interaction["method"]!.GetValue<string>());
        Assert.Equal(id, interaction["payment_request_id"]!.GetValue<string>());
        Assert.Equal(
            new Uri(host.Address, $"/sandbox/klarna/journey/{id["krn:payment:eu1:request:".Length..]}").ToString(),
            interaction["payment_request_url"]!.GetValue<string>());
        var createdAt = DateTimeOffset.Parse(created["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var expiresAt = DateTimeOffset.Parse(created["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(3), expiresAt - createdAt);
        Assert.Equal("PREMIUM_INDIVIDUAL",
            created["supplementary_purchase_data"]!["subscriptions"]![0]!["subscription_reference"]!.GetValue<string>());
        Assert.Equal("subscription-user-12345", created["request_customer_token"]!["customer_token_reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approved_payment_request_is_completed_with_session_and_customer_tokens()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = (await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase())).Id();

        var (simulated, approved) = await host.SimulateAsync(id, "approve");
        var (read, completed) = await host.ReadAsync(id);
        var (byGuid, sameRequest) = await host.SendAsync(host.Klarna(HttpMethod.Get, $"/v2/payment/requests/{id.Split(':')[^1]}"));

        Assert.Equal(HttpStatusCode.OK, simulated);
        Assert.Equal("COMPLETED", approved.State());
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal("COMPLETED", completed.State());
        Assert.Equal("IN_PROGRESS", completed["previous_state"]!.GetValue<string>());
        var context = completed["state_context"]!;
        Assert.StartsWith("krn:network:eu1:test:session-token:", context["klarna_network_session_token"]!.GetValue<string>());
        Assert.StartsWith("krn:partner:eu1:test:identity:customer-token:", context["klarna_customer"]!["customer_token"]!.GetValue<string>());
        Assert.Equal("subscription-user-12345", context["klarna_customer"]!["customer_token_reference"]!.GetValue<string>());
        Assert.Null(context["customer_interaction"]);
        Assert.Equal(HttpStatusCode.OK, byGuid);
        Assert.Equal(id, sameRequest.Id());
    }

    [Fact]
    public async Task Purchase_without_customer_token_gets_no_customer_token()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = (await host.CreateAsync(SandboxRequests.OneOffPurchase())).Id();

        var (_, completed) = await host.SimulateAsync(id, "approve", "customer+us@klarna.com");

        Assert.Equal("COMPLETED", completed.State());
        Assert.NotNull(completed["state_context"]!["klarna_network_session_token"]);
        Assert.Null(completed["state_context"]!["klarna_customer"]);
    }

    [Fact]
    public async Task Denied_test_customer_is_declined()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = (await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase())).Id();

        var (status, declined) = await host.SimulateAsync(id, "approve", "Customer+US+Denied@klarna.com");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("DECLINED", declined.State());
        Assert.Null(declined["state_context"]!["klarna_network_session_token"]);
    }

    [Fact]
    public async Task Aborted_journey_cancels_the_request()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = (await host.CreateAsync(SandboxRequests.OneOffPurchase())).Id();

        var (_, canceled) = await host.SimulateAsync(id, "abort");
        var (again, _) = await host.SimulateAsync(id, "approve");

        Assert.Equal("CANCELED", canceled.State());
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("CANCELED", (await host.ReadAsync(id)).Body.State());
    }

    [Fact]
    public async Task Delete_cancels_an_open_request_and_refuses_a_final_one()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = (await host.CreateAsync(SandboxRequests.OneOffPurchase())).Id();
        var path = $"/v2/payment/requests/{Uri.EscapeDataString(id)}";

        var (first, canceled) = await host.SendAsync(host.Klarna(HttpMethod.Delete, path));
        var (second, error) = await host.SendAsync(host.Klarna(HttpMethod.Delete, path));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal("CANCELED", canceled.State());
        Assert.Equal("SUBMITTED", canceled["previous_state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, second);
        Assert.NotNull(error["error_id"]);
        Assert.NotNull(error["error_message"]);
    }

    [Fact]
    public async Task Same_idempotency_key_creates_one_request()
    {
        await using var host = await SandboxHost.StartAsync();

        var first = await host.CreateAsync(SandboxRequests.OneOffPurchase(), "0b6f5c1e-4a0e-5d3b-9c7a-1f2e3d4c5b6a");
        var second = await host.CreateAsync(SandboxRequests.OneOffPurchase(), "0b6f5c1e-4a0e-5d3b-9c7a-1f2e3d4c5b6a");
        var other = await host.CreateAsync(SandboxRequests.OneOffPurchase(), "7d3c2b1a-9e8f-5a6b-8c7d-6e5f4a3b2c1d");

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.NotEqual(first.Id(), other.Id());
        await host.WaitForWebhooksAsync(received => received.Length >= 2);
        await Task.Delay(200); // room for a stray third "submitted" event, if the replay had created one
        Assert.Equal(2, host.Webhooks.Count(webhook => webhook.EventType.EndsWith(".submitted", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reused_idempotency_key_with_another_body_conflicts()
    {
        await using var host = await SandboxHost.StartAsync();
        await host.CreateAsync(SandboxRequests.OneOffPurchase(1000), "0b6f5c1e-4a0e-5d3b-9c7a-1f2e3d4c5b6a");

        using var request = host.Klarna(HttpMethod.Post, "/v2/payment/requests", SandboxRequests.OneOffPurchase(2000));
        request.Headers.Add("Klarna-Idempotency-Key", "0b6f5c1e-4a0e-5d3b-9c7a-1f2e3d4c5b6a");
        var (status, error) = await host.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("INPUT_ERROR", error["error_type"]!.GetValue<string>());
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", error["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_payment_request_is_not_found()
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, error) = await host.ReadAsync($"krn:payment:eu1:request:{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("RESOURCE_ERROR", error["error_type"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", error["error_code"]!.GetValue<string>());
    }
}
