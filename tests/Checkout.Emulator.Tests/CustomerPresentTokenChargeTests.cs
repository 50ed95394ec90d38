namespace Checkout.Emulator.Tests;

using System.Net;
using System.Text.Json.Nodes;

/// <summary>
/// "Token charge Customer Present" through the sandbox acquirer: Klarna approves, declines, or steps up; a step-up is
/// approved in the purchase journey and finalized by the acquirer with the session token, once.
/// </summary>
public sealed class CustomerPresentTokenChargeTests
{
    [Fact]
    public async Task A_ride_is_approved_at_once()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokenId = await RidesSignUpAsync(host);

        var (status, payment) = await host.CreatePaymentAsync(RideCharge(tokenId, 1500));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("completed", payment.Text("status"));
        Assert.StartsWith("krn:payment:", payment.Text("payment_transaction_id"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ride_ending_in_42_steps_up_and_the_acquirer_finalizes_after_the_journey()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokenId = await RidesSignUpAsync(host);

        var (status, payment) = await host.CreatePaymentAsync(RideCharge(tokenId, 1542));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("open", payment.Text("status"));
        Assert.Contains("/sandbox/klarna/journey/", payment.Text("url"), StringComparison.Ordinal);

        await host.JourneyAsync(payment);
        var final = await host.WaitForFinalStatusAsync(payment.PaymentId());

        Assert.Equal("completed", final.Text("status"));
        Assert.StartsWith("krn:payment:", final.Text("payment_transaction_id"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ride_ending_in_13_is_declined_and_a_revoked_token_says_token_revoked()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokenId = await RidesSignUpAsync(host);

        var (_, declined) = await host.CreatePaymentAsync(RideCharge(tokenId, 1513));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/sandbox/acquirer/v1/customer-tokens/{tokenId}/revoke");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {host.AcquirerApiKey}");
        var (revoke, _) = await host.SendAsync(request);
        var (_, revoked) = await host.CreatePaymentAsync(RideCharge(tokenId, 1500));

        Assert.Equal("failed", declined.Text("status"));
        Assert.Equal("DECLINED", declined.Text("failure_reason"));
        Assert.Equal(HttpStatusCode.OK, revoke);
        Assert.Equal("failed", revoked.Text("status"));
        Assert.Equal("TOKEN_REVOKED", revoked.Text("failure_reason"));
    }

    private static async Task<string> RidesSignUpAsync(SandboxHost host)
    {
        var payment = await host.OpenPaymentAsync(AcquirerRequests.OnDemand(amount: null));
        await host.JourneyAsync(payment);
        return (await host.WaitForFinalStatusAsync(payment.PaymentId())).Text("customer_token_id")!;
    }

    private static JsonObject RideCharge(string tokenId, long amount) => new()
    {
        ["reference"] = $"ride-{amount}",
        ["currency"] = "USD",
        ["amount"] = amount,
        ["customer_token_id"] = tokenId,
        ["customer_present"] = true,
        ["return_url"] = "https://merchant.example/on-demand/return",
    };
}
