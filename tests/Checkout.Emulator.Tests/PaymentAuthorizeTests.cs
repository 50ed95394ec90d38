using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Checkout.Emulator.Tests;

/// <summary>The Klarna emulator's Payment Authorize API, called directly as an acquirer would.</summary>
public sealed class PaymentAuthorizeTests
{
    internal const string Path = "/v2/accounts/krn%3Apartner%3Aglobal%3Aaccount%3Atest%3AHGBY07TR/payment/authorize";

    [Fact]
    public async Task Tokenization_without_a_session_token_steps_up_with_a_payment_request()
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, answer) = await AuthorizeAsync(host, TokenOnly());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("STEP_UP_REQUIRED", answer["customer_token_response"]!.Text("result"));
        Assert.Null(answer["payment_transaction_response"]);
        var request = answer["payment_request"]!;
        Assert.StartsWith("krn:payment:eu1:request:", request.Text("payment_request_id"), StringComparison.Ordinal);
        Assert.Equal("acquiring-partner-request-reference-1234", request.Text("payment_request_reference"));
        Assert.Equal("SUBMITTED", request.Text("state"));
        var interaction = request["state_context"]!["customer_interaction"]!;
        Assert.Equal("HANDOVER", interaction.Text("method"));
        Assert.Equal(request.Text("payment_request_id"), interaction.Text("payment_request_id"));
        Assert.StartsWith(new Uri(host.Address, "/sandbox/klarna/journey/").ToString(), interaction.Text("payment_request_url"), StringComparison.Ordinal);
        Assert.NotNull(request["expires_at"]);
        Assert.NotNull(request["created_at"]);
        Assert.NotNull(request["updated_at"]);
        Assert.NotNull(request["supplementary_purchase_data"]!["subscriptions"]);
    }

    [Fact]
    public async Task Only_the_acquirers_key_authorizes_and_it_reads_only_its_own_requests()
    {
        await using var host = await SandboxHost.StartAsync();
        var (_, answer) = await AuthorizeAsync(host, TokenOnly());
        var acquirers = answer["payment_request"]!.Text("payment_request_id")!;
        var merchants = (await host.CreateAsync(SandboxRequests.OneOffPurchase())).Id();

        var (withMerchantKey, error) = await AuthorizeAsync(host, TokenOnly(), apiKey: host.KlarnaApiKey);
        var (createWithAcquirerKey, _) = await host.SendAsync(host.Klarna(HttpMethod.Post, "/v2/payment/requests", SandboxRequests.OneOffPurchase(), host.AcquirerKlarnaApiKey));
        var (readOwn, _) = await host.SendAsync(host.Klarna(HttpMethod.Get, $"/v2/payment/requests/{Uri.EscapeDataString(acquirers)}", apiKey: host.AcquirerKlarnaApiKey));
        var (readMerchants, _) = await host.SendAsync(host.Klarna(HttpMethod.Get, $"/v2/payment/requests/{Uri.EscapeDataString(merchants)}", apiKey: host.AcquirerKlarnaApiKey));

        Assert.Equal(HttpStatusCode.Unauthorized, withMerchantKey);
        Assert.Equal("UNAUTHORIZED", error.Text("error_code"));
        Assert.Equal(HttpStatusCode.Unauthorized, createWithAcquirerKey);
        Assert.Equal(HttpStatusCode.OK, readOwn);
        Assert.Equal(HttpStatusCode.NotFound, readMerchants);
    }

    [Fact]
    public async Task Finalization_approves_once_and_keeps_returning_the_customer_token()
    {
        await using var host = await SandboxHost.StartAsync();
        var body = TokenAndPurchase();
        var token = await CompletedSessionTokenAsync(host, body);

        var (_, approved) = await AuthorizeAsync(host, body, token);
        var (_, reused) = await AuthorizeAsync(host, body, token);

        var transaction = approved["payment_transaction_response"]!;
        Assert.Equal("APPROVED", transaction.Text("result"));
        Assert.StartsWith("krn:payment:eu1:transaction:", transaction["payment_transaction"]!.Text("payment_transaction_id"), StringComparison.Ordinal);
        Assert.Equal("subscription-first-payment-001", transaction["payment_transaction"]!.Text("payment_transaction_reference"));
        Assert.Equal(999, transaction["payment_transaction"]!["amount"]!.GetValue<long>());
        Assert.Equal("USD", transaction["payment_transaction"]!.Text("currency"));
        Assert.Equal("GUARANTEED", transaction["payment_transaction"]!["payment_funding"]!.Text("type"));
        Assert.Equal("FUNDED", transaction["payment_transaction"]!["payment_funding"]!.Text("state"));
        Assert.Equal("APPROVED", approved["customer_token_response"]!.Text("result"));
        Assert.StartsWith("krn:partner:eu1:test:identity:customer-token:", approved["customer_token_response"]!.Text("customer_token"), StringComparison.Ordinal);
        Assert.Equal("DECLINED", reused["payment_transaction_response"]!.Text("result"));
        Assert.Equal(approved["customer_token_response"]!.Text("customer_token"), reused["customer_token_response"]!.Text("customer_token"));
    }

    [Theory]
    [InlineData("amount")]
    [InlineData("currency")]
    [InlineData("supplementary_purchase_data")]
    [InlineData("klarna_network_data")]
    public async Task Finalization_with_a_changed_context_is_declined(string changed)
    {
        await using var host = await SandboxHost.StartAsync();
        var body = TokenAndPurchase();
        var token = await CompletedSessionTokenAsync(host, body);
        var finalization = body.DeepClone().AsObject();
        switch (changed)
        {
            case "amount": finalization["request_payment_transaction"]!["amount"] = 1000; break;
            case "currency": finalization["currency"] = "EUR"; break;
            case "supplementary_purchase_data": finalization["supplementary_purchase_data"]!["purchase_reference"] = "other"; break;
            default: finalization["klarna_network_data"] = """{"other":true}"""; break;
        }

        var (_, declined) = await AuthorizeAsync(host, finalization, token);

        Assert.Equal("DECLINED", declined["payment_transaction_response"]!.Text("result"));
        Assert.Equal("APPROVED", declined["customer_token_response"]!.Text("result"));
    }

    [Fact]
    public async Task Expired_or_unknown_session_tokens_are_declined()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await SandboxHost.StartAsync(time: time);
        var body = TokenAndPurchase();
        var token = await CompletedSessionTokenAsync(host, body);
        time.Advance(TimeSpan.FromMinutes(61));

        var (_, expired) = await AuthorizeAsync(host, body, token);
        var (_, unknown) = await AuthorizeAsync(host, body, "krn:network:eu1:test:session-token:made-up");

        Assert.Equal("DECLINED", expired["payment_transaction_response"]!.Text("result"));
        Assert.Equal("APPROVED", expired["customer_token_response"]!.Text("result"));
        Assert.Equal("DECLINED", unknown["payment_transaction_response"]!.Text("result"));
        Assert.Null(unknown["payment_request"]);
    }

    [Fact]
    public async Task Invalid_body_gets_klarnas_error_naming_the_parameter()
    {
        await using var host = await SandboxHost.StartAsync();
        var body = TokenOnly();
        body["supplementary_purchase_data"]!.AsObject().Remove("subscriptions");
        body["step_up_config"]!["customer_interaction_config"]!["return_url"] = "merchant/return";

        var (status, error) = await AuthorizeAsync(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INPUT_ERROR", error.Text("error_type"));
        var parameters = error["validation_errors"]!.AsArray().Select(item => item!.Text("parameter")).ToList();
        Assert.All(error["validation_errors"]!.AsArray(), item => Assert.NotNull(item!.Text("reason")));
        Assert.Null(error["errors"]);
        Assert.Contains("supplementary_purchase_data.subscriptions", parameters);
        Assert.Contains("step_up_config.customer_interaction_config.return_url", parameters);
    }

    /// <summary>The partner API's tokenization-only request example.</summary>
    internal static JsonObject TokenOnly() => new()
    {
        ["currency"] = "USD",
        ["request_customer_token"] = new JsonObject
        {
            ["scopes"] = new JsonArray("payment:customer_not_present"),
            ["customer_token_reference"] = "subscription-user-12345",
        },
        ["supplementary_purchase_data"] = AcquirerRequests.Subscription()["supplementary_purchase_data"]!.DeepClone(),
        ["klarna_network_data"] = AcquirerRequests.NetworkData,
        ["step_up_config"] = new JsonObject
        {
            ["payment_request_reference"] = "acquiring-partner-request-reference-1234",
            ["customer_interaction_config"] = new JsonObject { ["method"] = "HANDOVER", ["return_url"] = "https://partner.example/return" },
        },
    };

    private static JsonObject TokenAndPurchase()
    {
        var body = TokenOnly();
        body["request_payment_transaction"] = new JsonObject
        {
            ["amount"] = 999,
            ["payment_option_id"] = "S0xBUk5BXzE3NzI3MjQ5MTQzMjk=",
            ["payment_transaction_reference"] = "subscription-first-payment-001",
        };
        return body;
    }

    private static async Task<string> CompletedSessionTokenAsync(SandboxHost host, JsonObject body)
    {
        var (_, stepUp) = await AuthorizeAsync(host, body);
        var id = stepUp["payment_request"]!.Text("payment_request_id")!;
        var (_, completed) = await host.SimulateAsync(id, "approve");
        return completed["state_context"]!.Text("klarna_network_session_token")!;
    }

    private static Task<(HttpStatusCode Status, JsonObject Body)> AuthorizeAsync(
        SandboxHost host, JsonObject body, string? sessionToken = null, string? apiKey = null)
    {
        var request = host.Klarna(HttpMethod.Post, Path, body.ToJsonString(), apiKey ?? host.AcquirerKlarnaApiKey);
        if (sessionToken is not null)
        {
            request.Headers.Add("Klarna-Network-Session-Token", sessionToken);
        }

        return host.SendAsync(request);
    }
}
