using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Checkout.Emulator.Tests;

public sealed class AcquirerPaymentFailureTests
{
    [Theory]
    [InlineData("decline", null, "DECLINED")]
    [InlineData("approve", "customer+us+denied@klarna.com", "DECLINED")]
    [InlineData("abort", null, "CUSTOMER_ABORTED")]
    public async Task Journey_that_does_not_complete_fails_the_payment(string action, string? email, string reason)
    {
        await using var host = await SandboxHost.StartAsync();
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));

        await host.JourneyAsync(payment, action, email);
        var failed = await host.WaitForFinalStatusAsync(payment.PaymentId());

        Assert.Equal("failed", failed.Text("status"));
        Assert.Equal(reason, failed.Text("failure_reason"));
        Assert.Null(failed["customer_token_id"]);
        Assert.Single(host.KlarnaTraffic.Authorizations);
    }

    [Fact]
    public async Task Expired_payment_request_fails_the_payment_as_EXPIRED()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await SandboxHost.StartAsync(time: time);
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: null));

        time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromSeconds(1));
        var failed = await host.WaitForFinalStatusAsync(payment.PaymentId());

        Assert.Equal("failed", failed.Text("status"));
        Assert.Equal("EXPIRED", failed.Text("failure_reason"));
    }

    [Fact]
    public async Task Session_token_older_than_an_hour_at_finalization_fails_and_keeps_the_token()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await SandboxHost.StartAsync(
            new Dictionary<string, string?> { ["Sandbox:Acquirer:HoldFinalization"] = "true" }, time);
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));
        await host.JourneyAsync(payment);
        var held = await host.WaitForPaymentAsync(payment.PaymentId(), read => read["customer_token_id"] is not null);
        Assert.Equal("open", held.Text("status"));

        time.Advance(TimeSpan.FromMinutes(61));
        var (status, failed) = await host.FinalizeHeldAsync(payment.PaymentId());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("failed", failed.Text("status"));
        Assert.Equal("SESSION_TOKEN_EXPIRED", failed.Text("failure_reason"));
        Assert.Equal(held.Text("customer_token_id"), failed.Text("customer_token_id"));
        var klarna = failed.NetworkResponse()["content"]!["response"]!;
        Assert.Equal("DECLINED", klarna.Text("result"));
        Assert.Null(klarna["payment_transaction"]);
        Assert.Equal("DECLINED", host.KlarnaTraffic.Authorizations[^1].Response["payment_transaction_response"]!.Text("result"));
        Assert.Equal("APPROVED", host.KlarnaTraffic.Authorizations[^1].Response["customer_token_response"]!.Text("result"));
        Assert.Equal(HttpStatusCode.Conflict, (await host.FinalizeHeldAsync(payment.PaymentId())).Status);
    }

    [Fact]
    public async Task Held_payment_finalized_within_the_hour_completes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await SandboxHost.StartAsync(
            new Dictionary<string, string?> { ["Sandbox:Acquirer:HoldFinalization"] = "true" }, time);
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));
        await host.JourneyAsync(payment);
        await host.WaitForPaymentAsync(payment.PaymentId(), read => read["customer_token_id"] is not null);

        time.Advance(TimeSpan.FromMinutes(59));
        var (_, completed) = await host.FinalizeHeldAsync(payment.PaymentId());

        Assert.Equal("completed", completed.Text("status"));
    }

    [Fact]
    public async Task Finalization_with_a_changed_context_is_declined()
    {
        await using var host = await SandboxHost.StartAsync();
        host.KlarnaTraffic.RewriteFinalization = body =>
        {
            body["request_payment_transaction"]!["amount"] = 1000;
            return body;
        };
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));

        await host.JourneyAsync(payment);
        var failed = await host.WaitForFinalStatusAsync(payment.PaymentId());

        Assert.Equal("failed", failed.Text("status"));
        Assert.Equal("DECLINED", failed.Text("failure_reason"));
        Assert.StartsWith("ctok_", failed.Text("customer_token_id"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1013L, "subscription-user-1")]
    [InlineData(999L, "subscription-DECLINE-me")]
    public async Task Sandbox_decline_rules_fail_the_first_payment(long amount, string reference)
    {
        await using var host = await SandboxHost.StartAsync();
        var body = AcquirerRequests.Subscription(amount, reference);
        var payment = await host.OpenPaymentAsync(body);

        await host.JourneyAsync(payment);
        var failed = await host.WaitForFinalStatusAsync(payment.PaymentId());

        Assert.Equal("DECLINED", failed.Text("failure_reason"));
        Assert.NotNull(failed["customer_token_id"]);
        Assert.Null(failed["payment_transaction_id"]);
        Assert.IsType<JsonObject>(failed.NetworkResponse()["content"]!["response"]);
    }
}
