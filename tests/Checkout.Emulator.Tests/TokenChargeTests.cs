using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

/// <summary>Klarna's emulator charges stored customer tokens with the customer not present, by the rules documented for tests.</summary>
public sealed class TokenChargeTests
{
    internal const string DecliningCustomer = "customer+us+decline-renewals@klarna.com";

    [Fact]
    public async Task A_stored_token_is_charged_at_once_with_a_transaction()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await SignUpAsync(host);

        var (status, answer) = await ChargeAsync(host, token, Charge(999));

        Assert.Equal(HttpStatusCode.OK, status);
        var transaction = answer["payment_transaction_response"]!;
        Assert.Equal("APPROVED", transaction.Text("result"));
        Assert.StartsWith("krn:payment:eu1:transaction:", transaction["payment_transaction"]!.Text("payment_transaction_id"), StringComparison.Ordinal);
        Assert.Equal(999, transaction["payment_transaction"]!["amount"]!.GetValue<long>());
        Assert.Equal("subscription-1-period-2", transaction["payment_transaction"]!.Text("payment_transaction_reference"));
        Assert.Null(answer["payment_request"]);
    }

    [Fact]
    public async Task The_token_may_come_in_the_body_as_customer_token()
    {
        await using var host = await SandboxHost.StartAsync();
        var body = Charge(999);
        body["customer_token"] = await SignUpAsync(host);

        var (_, answer) = await ChargeAsync(host, customerToken: null, body);

        Assert.Equal("APPROVED", answer["payment_transaction_response"]!.Text("result"));
    }

    [Fact]
    public async Task An_amount_whose_minor_units_end_in_13_is_declined()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await SignUpAsync(host);

        var (_, answer) = await ChargeAsync(host, token, Charge(1013));

        AssertDeclined(answer, "TEST_AMOUNT_ENDS_IN_13");
    }

    [Fact]
    public async Task The_test_customer_who_declines_renewals_signs_up_but_every_charge_is_declined()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await SignUpAsync(host, DecliningCustomer);

        var (_, first) = await ChargeAsync(host, token, Charge(999));
        var (_, second) = await ChargeAsync(host, token, Charge(999));

        AssertDeclined(first, "TEST_CUSTOMER_DECLINES_RENEWALS");
        AssertDeclined(second, "TEST_CUSTOMER_DECLINES_RENEWALS");
    }

    [Fact]
    public async Task A_customer_who_declines_the_first_renewal_is_approved_on_the_retry()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await SignUpAsync(host, "customer+us+decline-first-renewal@klarna.com");

        var (_, first) = await ChargeAsync(host, token, Charge(999));
        var (_, retry) = await ChargeAsync(host, token, Charge(999));

        AssertDeclined(first, "TEST_CUSTOMER_DECLINES_FIRST_RENEWAL");
        Assert.Equal("APPROVED", retry["payment_transaction_response"]!.Text("result"));
    }

    [Fact]
    public async Task A_revoked_token_is_declined_as_revoked_from_then_on()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await SignUpAsync(host);
        var (_, before) = await ChargeAsync(host, token, Charge(999));

        var (revoked, body) = await RevokeAsync(host, token);
        var (_, after) = await ChargeAsync(host, token, Charge(999));

        Assert.Equal("APPROVED", before["payment_transaction_response"]!.Text("result"));
        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.Equal("REVOKED", body.Text("status"));
        AssertDeclined(after, "CUSTOMER_TOKEN_REVOKED");
    }

    [Fact]
    public async Task Revoking_needs_a_key_and_a_known_token()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await SignUpAsync(host);

        var (unknown, error) = await RevokeAsync(host, "krn:partner:eu1:test:identity:customer-token:nope");
        var (withoutKey, _) = await RevokeAsync(host, token, apiKey: "wrong");
        var (withAcquirerKey, _) = await RevokeAsync(host, token, apiKey: host.AcquirerKlarnaApiKey);

        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("NOT_FOUND", error.Text("error_code"));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey);
        Assert.Equal(HttpStatusCode.OK, withAcquirerKey);
    }

    [Fact]
    public async Task An_unknown_token_is_declined_and_a_charge_without_subscriptions_is_invalid()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await SignUpAsync(host);
        var withoutSubscriptions = Charge(999);
        withoutSubscriptions["supplementary_purchase_data"]!.AsObject().Remove("subscriptions");

        var (_, unknown) = await ChargeAsync(host, "krn:partner:eu1:test:identity:customer-token:nope", Charge(999));
        var (status, error) = await ChargeAsync(host, token, withoutSubscriptions);

        AssertDeclined(unknown, "CUSTOMER_TOKEN_UNKNOWN");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("supplementary_purchase_data.subscriptions", error["validation_errors"]![0]!.Text("parameter"));
    }

    [Fact]
    public async Task The_same_key_gives_the_same_answer_and_another_body_under_it_is_refused()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await SignUpAsync(host);
        var key = Guid.NewGuid().ToString();

        var (_, first) = await ChargeAsync(host, token, Charge(999), key);
        var (_, again) = await ChargeAsync(host, token, Charge(999), key);
        var (conflict, error) = await ChargeAsync(host, token, Charge(1999), key);

        Assert.Equal(
            first["payment_transaction_response"]!["payment_transaction"]!.Text("payment_transaction_id"),
            again["payment_transaction_response"]!["payment_transaction"]!.Text("payment_transaction_id"));
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", error.Text("error_code"));
    }

    /// <summary>The merchant's sign-up (direct flow): a subscription payment request approved in the journey; Klarna's token.</summary>
    internal static async Task<string> SignUpAsync(SandboxHost host, string email = "customer+us@klarna.com")
    {
        var id = (await host.CreateAsync(SandboxRequests.SubscriptionWithPurchase())).Id();
        var (simulated, result) = await host.SimulateAsync(id, "approve", email);
        Assert.True(simulated == HttpStatusCode.OK, $"{simulated}: {result}");
        var (_, completed) = await host.ReadAsync(id);
        return completed["state_context"]!["klarna_customer"]!.Text("customer_token")!;
    }

    internal static JsonObject Charge(long amount) => new()
    {
        ["currency"] = "USD",
        ["request_payment_transaction"] = new JsonObject { ["amount"] = amount, ["payment_transaction_reference"] = "subscription-1-period-2" },
        ["supplementary_purchase_data"] = JsonNode.Parse("""
            {"purchase_reference": "subscription-1-period-2",
             "subscriptions": [{"subscription_reference": "subscription-1", "name": "Premium monthly", "free_trial": "INACTIVE",
               "billing_plans": [{"billing_amount": 999, "currency": "USD", "from": "2026-03-31", "interval": "MONTH", "interval_frequency": 1}]}]}
            """),
        ["step_up_config"] = new JsonObject
        {
            ["payment_request_reference"] = "subscription-1-period-2",
            ["customer_interaction_config"] = new JsonObject { ["method"] = "HANDOVER" },
        },
    };

    internal static void AssertDeclined(JsonObject answer, string reason)
    {
        var transaction = answer["payment_transaction_response"]!;
        Assert.Equal("DECLINED", transaction.Text("result"));
        Assert.Equal(reason, transaction.Text("result_reason"));
        Assert.Null(transaction["payment_transaction"]);
    }

    private static Task<(HttpStatusCode Status, JsonObject Body)> ChargeAsync(
        SandboxHost host, string? customerToken, JsonObject body, string? key = null)
    {
        var request = host.Klarna(HttpMethod.Post, PaymentAuthorizeTests.Path, body.ToJsonString(), host.AcquirerKlarnaApiKey);
        if (customerToken is not null)
        {
            request.Headers.Add("Klarna-Customer-Token", customerToken);
        }

        if (key is not null)
        {
            request.Headers.Add("Klarna-Idempotency-Key", key);
        }

        return host.SendAsync(request);
    }

    private static Task<(HttpStatusCode Status, JsonObject Body)> RevokeAsync(SandboxHost host, string token, string? apiKey = null) =>
        host.SendAsync(host.Klarna(HttpMethod.Post, $"/customer-tokens/{Uri.EscapeDataString(token)}/revoke", apiKey: apiKey));
}
