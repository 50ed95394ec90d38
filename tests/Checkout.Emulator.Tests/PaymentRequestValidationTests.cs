using System.Net;

namespace Checkout.Emulator.Tests;

public sealed class PaymentRequestValidationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Basic wrong")]
    [InlineData("Bearer {key}")]
    public async Task Request_without_the_api_key_is_unauthorized(string? authorization)
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/klarna/v2/payment/requests")
        {
            Content = SandboxHost.Json(SandboxRequests.OneOffPurchase()),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization.Replace("{key}", host.KlarnaApiKey, StringComparison.Ordinal));
        }

        var (status, error) = await host.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("ACCESS_ERROR", error["error_type"]!.GetValue<string>());
        Assert.Equal("UNAUTHORIZED", error["error_code"]!.GetValue<string>());
        Assert.Empty(host.Webhooks);
    }

    [Theory]
    [InlineData("""{"amount": 1000}""", "currency")]
    [InlineData("""{"currency": "usd", "amount": 1000}""", "currency")]
    [InlineData("""{"currency": "USD", "amount": -1}""", "amount")]
    [InlineData("""{"currency": "USD", "amount": 10.5}""", "amount")]
    [InlineData("""{"currency": "USD"}""", "amount")]
    [InlineData("""{"currency": "USD", "request_customer_token": {"scopes": ["payment:customer_not_present"]}}""", "supplementary_purchase_data.subscriptions")]
    [InlineData("""{"currency": "USD", "request_customer_token": {"scopes": ["payment:customer_present"]}}""", "supplementary_purchase_data.ondemand_service")]
    [InlineData("""{"currency": "USD", "request_customer_token": {"scopes": ["payment:everything"]}}""", "request_customer_token.scopes")]
    [InlineData("""{"currency": "USD", "amount": 1, "customer_interaction_config": {"method": "REDIRECT"}}""", "customer_interaction_config.method")]
    [InlineData("""{"currency": "USD", "amount": 1, "customer_interaction_config": {"method": "HANDOVER", "return_url": "/relative"}}""", "customer_interaction_config.return_url")]
    [InlineData("""{"currency": "USD", "amount": 1,""", "body")]
    public async Task Invalid_body_is_rejected_naming_the_parameter(string body, string parameter)
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, error) = await host.SendAsync(host.Klarna(HttpMethod.Post, "/v2/payment/requests", body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INPUT_ERROR", error["error_type"]!.GetValue<string>());
        Assert.Equal("VALIDATION_ERROR", error["error_code"]!.GetValue<string>());
        var failure = Assert.Single(error["validation_errors"]!.AsArray(), item => item!["parameter"]!.GetValue<string>() == parameter)!;
        Assert.False(string.IsNullOrWhiteSpace(failure["reason"]!.GetValue<string>()));
        Assert.Null(error["errors"]);
    }

    [Fact]
    public async Task Token_only_request_with_on_demand_data_is_accepted()
    {
        await using var host = await SandboxHost.StartAsync();

        var created = await host.CreateAsync(new
        {
            currency = "EUR",
            supplementary_purchase_data = new
            {
                ondemand_service = new
                {
                    average_amount = 2500, minimum_amount = 300, maximum_amount = 9000,
                    purchase_interval = "WEEK", purchase_interval_frequency = 1,
                },
            },
            request_customer_token = new { scopes = new[] { "payment:customer_present" } },
        });

        Assert.Null(created["amount"]);
        Assert.Equal("SUBMITTED", created.State());
    }

    [Fact]
    public async Task Network_session_token_header_must_be_one_the_sandbox_issued()
    {
        await using var host = await SandboxHost.StartAsync();
        var session = await host.Client.PostAsync("/sandbox/klarna/web-sdk/v2/session", SandboxHost.Json(new { clientId = host.ClientId }));
        var issued = (await SandboxRequests.ReadJsonAsync(session))["klarna_network_session_token"]!.GetValue<string>();

        using var forged = host.Klarna(HttpMethod.Post, "/v2/payment/requests", SandboxRequests.OneOffPurchase());
        forged.Headers.Add("Klarna-Network-Session-Token", "krn:network:eu1:test:session-token:forged");
        using var genuine = host.Klarna(HttpMethod.Post, "/v2/payment/requests", SandboxRequests.OneOffPurchase());
        genuine.Headers.Add("Klarna-Network-Session-Token", issued);

        Assert.Equal(HttpStatusCode.BadRequest, (await host.SendAsync(forged)).Status);
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(genuine)).Status);
    }
}
