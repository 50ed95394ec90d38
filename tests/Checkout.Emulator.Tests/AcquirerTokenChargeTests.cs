using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

/// <summary>The sandbox acquirer charges stored tokens in the generic shape and through the partner API, by Klarna's Payment Authorize.</summary>
public sealed class AcquirerTokenChargeTests
{
    [Fact]
    public async Task The_generic_shape_charges_klarnas_token_through_payment_authorize()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await TokenChargeTests.SignUpAsync(host);

        var (status, payment) = await GenericChargeAsync(host, token, 999);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("completed", payment.Text("status"));
        Assert.StartsWith("krn:payment:eu1:transaction:", payment.Text("payment_transaction_id"), StringComparison.Ordinal);
        var sent = Assert.Single(host.KlarnaTraffic.Authorizations);
        Assert.Null(sent.SessionToken);
        Assert.True(Guid.TryParseExact(sent.IdempotencyKey, "D", out _));
        var body = JsonNode.Parse(sent.RequestBody)!;
        Assert.Equal(999, body["request_payment_transaction"]!["amount"]!.GetValue<long>());
        Assert.Equal("renewal-7-period-2", body["request_payment_transaction"]!.Text("payment_transaction_reference"));
        Assert.Equal("subscription-7", body["supplementary_purchase_data"]!["subscriptions"]![0]!.Text("subscription_reference"));
        Assert.Equal("HANDOVER", body["step_up_config"]!["customer_interaction_config"]!.Text("method"));
        Assert.DoesNotContain(token, sent.RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generic_declines_say_why_and_a_revoked_token_says_token_revoked()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await TokenChargeTests.SignUpAsync(host);

        var (_, declined) = await GenericChargeAsync(host, token, 1013);
        await host.SendAsync(host.Klarna(HttpMethod.Post, $"/customer-tokens/{Uri.EscapeDataString(token)}/revoke"));
        var (_, revoked) = await GenericChargeAsync(host, token, 999);

        Assert.Equal("failed", declined.Text("status"));
        Assert.Equal("DECLINED", declined.Text("failure_reason"));
        Assert.Contains("TEST_AMOUNT_ENDS_IN_13", declined.Text("failure_message"), StringComparison.Ordinal);
        Assert.Equal("failed", revoked.Text("status"));
        Assert.Equal("TOKEN_REVOKED", revoked.Text("failure_reason"));
    }

    [Fact]
    public async Task One_idempotency_key_charges_once_and_replays_the_answer()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await TokenChargeTests.SignUpAsync(host);

        var (_, first) = await GenericChargeAsync(host, token, 999, "renewal-7-period-2-attempt-1");
        var (_, again) = await GenericChargeAsync(host, token, 999, "renewal-7-period-2-attempt-1");
        var (conflict, _) = await GenericChargeAsync(host, token, 1999, "renewal-7-period-2-attempt-1");

        Assert.Equal(first.PaymentId(), again.PaymentId());
        Assert.Single(host.KlarnaTraffic.Authorizations);
        Assert.Equal(HttpStatusCode.Conflict, conflict);
    }

    [Fact]
    public async Task The_partner_api_charges_the_acquirers_token_id_and_never_shows_klarnas_token()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokenId = await PartnerSignUpAsync(host);

        var (status, payment) = await PartnerChargeAsync(host, tokenId, 999);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("completed", payment.Text("status"));
        Assert.Equal(999, payment["amount"]!.GetValue<long>());
        Assert.DoesNotContain("customer-token", payment.ToJsonString(), StringComparison.Ordinal);
        var charge = host.KlarnaTraffic.Authorizations.Last();
        Assert.Null(charge.SessionToken);
        Assert.NotNull(JsonNode.Parse(charge.RequestBody)!["supplementary_purchase_data"]!["subscriptions"]);
    }

    [Fact]
    public async Task The_acquirers_revoke_hook_makes_the_next_partner_charge_token_revoked()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokenId = await PartnerSignUpAsync(host);

        var request = new HttpRequestMessage(HttpMethod.Post, $"/sandbox/acquirer/v1/customer-tokens/{tokenId}/revoke");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {host.AcquirerApiKey}");
        var (revoked, _) = await host.SendAsync(request);
        var (_, payment) = await PartnerChargeAsync(host, tokenId, 999);

        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.Equal("failed", payment.Text("status"));
        Assert.Equal("TOKEN_REVOKED", payment.Text("failure_reason"));
    }

    [Fact]
    public async Task An_unknown_token_id_or_a_customer_present_charge_without_a_return_url_is_refused_naming_the_field()
    {
        await using var host = await SandboxHost.StartAsync();
        var tokenId = await PartnerSignUpAsync(host);
        var present = PartnerCharge("ctok_000000000000000000000000", 999);
        present["customer_present"] = true;

        var (unknown, _) = await PartnerChargeAsync(host, "ctok_000000000000000000000000", 999);
        var (invalid, problem) = await host.CreatePaymentAsync(present);

        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.NotNull(problem["errors"]!["return_url"]);
        Assert.StartsWith("ctok_", tokenId, StringComparison.Ordinal);
    }

    private static async Task<string> PartnerSignUpAsync(SandboxHost host)
    {
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: null));
        await host.JourneyAsync(payment);
        return (await host.WaitForFinalStatusAsync(payment.PaymentId())).Text("customer_token_id")!;
    }

    private static JsonObject PurchaseData() => JsonNode.Parse("""
        {"purchase_reference": "renewal-7-period-2",
         "subscriptions": [{"subscription_reference": "subscription-7", "name": "Premium monthly", "free_trial": "INACTIVE",
           "billing_plans": [{"billing_amount": 999, "currency": "USD", "from": "2026-03-31", "interval": "MONTH", "interval_frequency": 1}]}]}
        """)!.AsObject();

    private static JsonObject PartnerCharge(string tokenId, long amount) => new()
    {
        ["reference"] = "renewal-7-period-2",
        ["currency"] = "USD",
        ["amount"] = amount,
        ["customer_token_id"] = tokenId,
        ["customer_present"] = false,
        ["supplementary_purchase_data"] = PurchaseData(),
    };

    private static Task<(HttpStatusCode Status, JsonObject Body)> PartnerChargeAsync(SandboxHost host, string tokenId, long amount) =>
        host.CreatePaymentAsync(PartnerCharge(tokenId, amount));

    private static Task<(HttpStatusCode Status, JsonObject Body)> GenericChargeAsync(
        SandboxHost host, string token, long amount, string? key = null)
    {
        var body = new JsonObject
        {
            ["amount"] = amount,
            ["currency"] = "USD",
            ["reference"] = "renewal-7-period-2",
            ["payment_methods"] = new JsonObject { ["klarna"] = new JsonObject { ["customer_token"] = token, ["customer_present"] = false } },
            ["supplementary_purchase_data"] = PurchaseData(),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/acquirer/payment") { Content = SandboxHost.Json(body.ToJsonString()) };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {host.AcquirerApiKey}");
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return host.SendAsync(request);
    }
}
