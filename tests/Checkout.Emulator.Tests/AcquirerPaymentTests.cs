using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

/// <summary>The partner API's scenarios through the sandbox acquirer's partner-facing API.</summary>
public sealed class AcquirerPaymentTests
{
    [Fact]
    public async Task Token_only_subscription_completes_with_a_customer_token_id_and_no_transaction()
    {
        await using var host = await SandboxHost.StartAsync();
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: null));

        await host.JourneyAsync(payment);
        var completed = await host.WaitForFinalStatusAsync(payment.PaymentId());

        Assert.Equal("completed", completed.Text("status"));
        Assert.Matches("^ctok_[0-9a-f]{24}$", completed.Text("customer_token_id"));
        Assert.Null(completed["payment_transaction_id"]);
        Assert.Null(completed["amount"]);
        Assert.DoesNotContain("customer-token", completed.ToJsonString(), StringComparison.Ordinal);
        var authorization = Assert.Single(host.KlarnaTraffic.Authorizations);
        Assert.Null(authorization.Request["request_payment_transaction"]);
        Assert.Equal("payment:customer_not_present", authorization.Request["request_customer_token"]!["scopes"]![0]!.GetValue<string>());
        Assert.DoesNotContain(host.Webhooks, webhook => webhook.Json["payload"]!.Text("payment_request_id") == payment.PaymentRequestId());
    }

    [Fact]
    public async Task Token_with_a_first_subscription_payment_completes_with_a_transaction()
    {
        await using var host = await SandboxHost.StartAsync();
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));

        await host.JourneyAsync(payment);
        var completed = await host.WaitForFinalStatusAsync(payment.PaymentId());

        Assert.Equal("completed", completed.Text("status"));
        Assert.Equal(999, completed["amount"]!.GetValue<long>());
        Assert.StartsWith("krn:payment:eu1:transaction:", completed.Text("payment_transaction_id"), StringComparison.Ordinal);
        Assert.StartsWith("ctok_", completed.Text("customer_token_id"), StringComparison.Ordinal);
        Assert.DoesNotContain("customer-token", completed.ToJsonString(), StringComparison.Ordinal);
        var response = completed.NetworkResponse()["content"]!["response"]!;
        Assert.Equal("APPROVED", response.Text("result"));
        Assert.Equal(completed.Text("payment_transaction_id"), response["payment_transaction"]!.Text("payment_transaction_id"));

        var calls = host.KlarnaTraffic.Authorizations;
        Assert.Equal(2, calls.Length);
        Assert.Null(calls[0].SessionToken);
        Assert.StartsWith("krn:network:eu1:test:session-token:", calls[1].SessionToken, StringComparison.Ordinal);
        Assert.Equal(calls[0].RequestBody, calls[1].RequestBody);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1500L)]
    public async Task On_demand_token_completes_with_or_without_a_purchase(long? amount)
    {
        await using var host = await SandboxHost.StartAsync();
        var payment = await host.OpenPaymentAsync(AcquirerRequests.OnDemand(amount));

        await host.JourneyAsync(payment);
        var completed = await host.WaitForFinalStatusAsync(payment.PaymentId());

        Assert.Equal("completed", completed.Text("status"));
        Assert.StartsWith("ctok_", completed.Text("customer_token_id"), StringComparison.Ordinal);
        Assert.Equal(amount is not null, completed["payment_transaction_id"] is not null);
        Assert.Equal("payment:customer_present",
            host.KlarnaTraffic.Authorizations[0].Request["request_customer_token"]!["scopes"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task First_call_answers_step_up_required_with_klarnas_url_unwrapped_and_opaque_network_data()
    {
        await using var host = await SandboxHost.StartAsync();

        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));

        var klarna = Assert.Single(host.KlarnaTraffic.Authorizations).Response;
        var klarnaUrl = klarna["payment_request"]!["state_context"]!["customer_interaction"]!.Text("payment_request_url");
        Assert.Equal(klarnaUrl, payment.Text("url"));
        Assert.StartsWith(new Uri(host.Address, "/sandbox/klarna/journey/").ToString(), payment.Text("url"), StringComparison.Ordinal);
        Assert.StartsWith("pay_", payment.PaymentId(), StringComparison.Ordinal);
        Assert.Equal("subscription-user-12345", payment.Text("reference"));
        Assert.Equal(999, payment["amount"]!.GetValue<long>());
        Assert.Equal("USD", payment.Text("currency"));
        var network = payment.NetworkResponse();
        Assert.StartsWith("""{"content_type":"vnd.klarna.network-data.v2+json",""",
            payment["additional_data"]!.Text("klarna_network_response_data"), StringComparison.Ordinal);
        Assert.Equal("vnd.klarna.network-data.v2+json", network.Text("content_type"));
        Assert.Equal("payment_request", network["content"]!.Text("operation"));
        Assert.Equal("STEP_UP_REQUIRED", network["content"]!["response"]!.Text("result"));
        Assert.Equal(klarnaUrl, network["content"]!["response"]!["payment_request"]!.Text("payment_request_url"));
        Assert.Equal("STEP_UP_REQUIRED", klarna["customer_token_response"]!.Text("result"));
        Assert.Equal("STEP_UP_REQUIRED", klarna["payment_transaction_response"]!.Text("result"));
        Assert.Equal("SUBMITTED", klarna["payment_request"]!.Text("state"));
    }

    [Fact]
    public async Task Partner_data_for_klarna_is_forwarded_unmodified()
    {
        await using var host = await SandboxHost.StartAsync();
        var (_, session) = await host.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/sandbox/klarna/web-sdk/v2/session")
        {
            Content = SandboxHost.Json(new { clientId = host.ClientId }),
        });
        var body = AcquirerRequests.Subscription(amount: 999);
        body["klarna_network_session_token"] = session.Text("klarna_network_session_token");
        body["payment_option_id"] = "S0xBUk5BXzE3NzI3MjQ5MTQzMjk=";

        await host.OpenPaymentAsync(body);

        var sent = Assert.Single(host.KlarnaTraffic.Authorizations);
        Assert.Equal(AcquirerRequests.NetworkData, sent.Request.Text("klarna_network_data"));
        Assert.Equal(session.Text("klarna_network_session_token"), sent.SessionToken);
        Assert.True(JsonNode.DeepEquals(body["supplementary_purchase_data"], sent.Request["supplementary_purchase_data"]));
        var interaction = sent.Request["step_up_config"]!["customer_interaction_config"]!;
        Assert.Equal("HANDOVER", interaction.Text("method"));
        Assert.Equal("https://merchant.example/return?order=123", interaction.Text("return_url"));
        Assert.Equal("merchantapp://klarna", interaction.Text("app_return_url"));
        var transaction = sent.Request["request_payment_transaction"]!;
        Assert.Equal(999, transaction["amount"]!.GetValue<long>());
        Assert.Equal("S0xBUk5BXzE3NzI3MjQ5MTQzMjk=", transaction.Text("payment_option_id"));
        Assert.Equal("subscription-user-12345", transaction.Text("payment_transaction_reference"));
    }
}
