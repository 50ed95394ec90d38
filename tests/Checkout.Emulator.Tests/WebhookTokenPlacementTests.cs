using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

/// <summary>Sandbox:Klarna:WebhookTokenPlacement: where the completed webhook carries the session and customer tokens.</summary>
public sealed class WebhookTokenPlacementTests
{
    [Theory]
    [InlineData(null, true, false)]
    [InlineData("Payload", true, false)]
    [InlineData("StateContext", false, true)]
    [InlineData("Both", true, true)]
    public async Task Completed_webhook_carries_the_tokens_where_configured(string? placement, bool atTop, bool inStateContext)
    {
        await using var host = await StartAsync(placement);
        var id = (await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase())).Id();
        var (_, approved) = await host.SimulateAsync(id, "approve");

        var completed = (await host.WaitForWebhooksAsync(received => received.Any(IsCompleted))).Single(IsCompleted);

        var payload = completed.Json["payload"]!.AsObject();
        var context = payload["state_context"]!.AsObject();
        var sessionToken = approved["state_context"]!.Text("klarna_network_session_token");
        var customerToken = approved["state_context"]!["klarna_customer"]!.Text("customer_token");
        Assert.StartsWith("krn:network:eu1:test:session-token:", sessionToken, StringComparison.Ordinal);
        Assert.Equal(atTop ? sessionToken : null, payload["klarna_network_session_token"]?.GetValue<string>());
        Assert.Equal(atTop ? customerToken : null, payload["klarna_customer"]?.Text("customer_token"));
        Assert.Equal(atTop ? "subscription-user-12345" : null, payload["klarna_customer"]?.Text("customer_token_reference"));
        Assert.Equal(inStateContext ? sessionToken : null, context["klarna_network_session_token"]?.GetValue<string>());
        Assert.Equal(inStateContext ? customerToken : null, context["klarna_customer"]?.Text("customer_token"));
        Assert.Equal(inStateContext ? "subscription-user-12345" : null, context["klarna_customer"]?.Text("customer_token_reference"));
    }

    [Theory]
    [InlineData("Payload")]
    [InlineData("StateContext")]
    [InlineData("Both")]
    public async Task Read_payment_request_keeps_the_tokens_under_state_context(string placement)
    {
        await using var host = await StartAsync(placement);
        var id = (await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase())).Id();
        await host.SimulateAsync(id, "approve");

        var (status, read) = await host.ReadAsync(id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(read["state_context"]!.Text("klarna_network_session_token"));
        Assert.NotNull(read["state_context"]!["klarna_customer"]!.Text("customer_token"));
        Assert.Null(read["klarna_network_session_token"]);
        Assert.Null(read["klarna_customer"]);
    }

    [Theory]
    [InlineData("Payload", 999L)]
    [InlineData("StateContext", 999L)]
    [InlineData("Both", 999L)]
    [InlineData("Payload", null)]
    [InlineData("StateContext", null)]
    public async Task Acquirer_led_payment_completes_whatever_the_placement(string placement, long? amount)
    {
        await using var host = await StartAsync(placement);
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount));

        await host.JourneyAsync(payment);
        var completed = await host.WaitForFinalStatusAsync(payment.PaymentId());

        Assert.Equal("completed", completed.Text("status"));
        Assert.StartsWith("ctok_", completed.Text("customer_token_id"), StringComparison.Ordinal);
        Assert.Equal(amount is not null, completed.Text("payment_transaction_id") is not null);
    }

    [Fact]
    public async Task Unknown_placement_stops_the_start()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync("Top"));

        Assert.Contains("WebhookTokenPlacement", failure.ToString(), StringComparison.Ordinal);
    }

    private static bool IsCompleted(ReceivedWebhook webhook) => webhook.EventType == "payment.request.state-change.completed";

    private static Task<SandboxHost> StartAsync(string? placement) => SandboxHost.StartAsync(placement is null
        ? null
        : new Dictionary<string, string?> { ["Sandbox:Klarna:WebhookTokenPlacement"] = placement });
}
