using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

public sealed class AcquirerPaymentValidationTests
{
    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "subscription without subscriptions", "supplementary_purchase_data.subscriptions" },
        { "on-demand without ondemand_service", "supplementary_purchase_data.ondemand_service" },
        { "relative return_url", "return_url" },
        { "ftp return_url", "return_url" },
        { "relative app_return_url", "app_return_url" },
        { "no reference", "reference" },
        { "long reference", "reference" },
        { "lower-case currency", "currency" },
        { "unknown scope", "scopes" },
        { "zero amount", "amount" },
        { "network data as an object", "klarna_network_data" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_payment_is_rejected_naming_the_field(string change, string field)
    {
        await using var host = await SandboxHost.StartAsync();
        var body = change.StartsWith("on-demand", StringComparison.Ordinal)
            ? AcquirerRequests.OnDemand(1500) : AcquirerRequests.Subscription(999);
        switch (change)
        {
            case "subscription without subscriptions": body["supplementary_purchase_data"]!.AsObject().Remove("subscriptions"); break;
            case "on-demand without ondemand_service": body.Remove("supplementary_purchase_data"); break;
            case "relative return_url": body["return_url"] = "/return"; break;
            case "ftp return_url": body["return_url"] = "ftp://merchant.example/return"; break;
            case "relative app_return_url": body["app_return_url"] = "klarna"; break;
            case "no reference": body.Remove("reference"); break;
            case "long reference": body["reference"] = new string('r', 101); break;
            case "lower-case currency": body["currency"] = "usd"; break;
            case "unknown scope": body["scopes"] = new JsonArray("payment:anything"); break;
            case "zero amount": body["amount"] = 0; break;
            case "network data as an object": body["klarna_network_data"] = new JsonObject(); break;
        }

        var (status, problem) = await host.CreatePaymentAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty(host.KlarnaTraffic.Exchanges);
    }

    [Theory]
    [InlineData("merchantapp://klarna")]
    [InlineData("https://merchant.example/app")]
    public async Task App_return_url_of_any_scheme_and_a_single_scope_string_are_accepted(string appReturnUrl)
    {
        await using var host = await SandboxHost.StartAsync();
        var body = AcquirerRequests.Subscription(999);
        body["app_return_url"] = appReturnUrl;
        body["scopes"] = "payment:customer_not_present";
        body.Remove("return_url");

        var (status, _) = await host.CreatePaymentAsync(body);

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Same_idempotency_key_replays_the_payment_and_another_body_conflicts()
    {
        await using var host = await SandboxHost.StartAsync();
        var body = AcquirerRequests.Subscription(999);

        var first = await host.CreatePaymentAsync(body, "key-1");
        var replay = await host.CreatePaymentAsync(body, "key-1");
        var conflict = await host.CreatePaymentAsync(AcquirerRequests.Subscription(1200), "key-1");
        var missing = await host.CreatePaymentAsync(body, idempotencyKey: null);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal(first.Body.ToJsonString(), replay.Body.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Single(host.KlarnaTraffic.Authorizations);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_create_one_payment()
    {
        await using var host = await SandboxHost.StartAsync();
        var body = AcquirerRequests.Subscription(999);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.CreatePaymentAsync(body, "key-race")));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.Created, result.Status));
        Assert.Single(results.Select(result => result.Body.PaymentId()).Distinct());
        Assert.Single(host.KlarnaTraffic.Authorizations);
    }

    [Fact]
    public async Task Payments_need_the_bearer_key_and_unknown_ids_are_not_found()
    {
        await using var host = await SandboxHost.StartAsync();

        var (unauthorized, _) = await host.CreatePaymentAsync(AcquirerRequests.Subscription(999), bearer: host.KlarnaApiKey);
        var (notFound, problem) = await host.GetPaymentAsync("pay_unknown");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
        Assert.Equal(HttpStatusCode.NotFound, notFound);
        Assert.Equal("Payment not found", problem.Text("title"));
    }
}
