using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Checkout.Emulator.Tests;

public sealed class AcquirerTests
{
    [Fact]
    public async Task Valid_interoperability_token_is_authorized()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await ApprovedTokenAsync(host, 1000);

        var (status, payment) = await AuthorizeAsync(host, new { amount = 1000, currency = "USD", reference = "order-ref", payment_methods = Klarna(token) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("pay_", payment["payment_id"]!.GetValue<string>());
        Assert.Equal(1000, payment["amount"]!.GetValue<long>());
        Assert.Equal("USD", payment["currency"]!.GetValue<string>());
        Assert.Equal("completed", payment["status"]!.GetValue<string>());
        var network = NetworkData(payment);
        Assert.Equal("vnd.klarna.network-data.v2+json", network["content_type"]!.GetValue<string>());
        Assert.Equal("authorize", network["content"]!["operation"]!.GetValue<string>());
        var response = network["content"]!["response"]!;
        Assert.Equal("APPROVED", response["result"]!.GetValue<string>());
        Assert.StartsWith("krn:payment:eu1:transaction:", response["payment_transaction"]!["payment_transaction_id"]!.GetValue<string>());
        Assert.Equal(1000, response["payment_transaction"]!["amount"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(1013, "order-ref")]
    [InlineData(1000, "order-decline-me")]
    public async Task Test_decline_rules_fail_the_payment(long amount, string reference)
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await ApprovedTokenAsync(host, amount);

        var (status, payment) = await AuthorizeAsync(host, new { amount, currency = "USD", reference, payment_methods = Klarna(token) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("failed", payment["status"]!.GetValue<string>());
        var response = NetworkData(payment)["content"]!["response"]!;
        Assert.Equal("DECLINED", response["result"]!.GetValue<string>());
        Assert.Null(response["payment_transaction"]);
    }

    [Fact]
    public async Task Unknown_token_is_declined()
    {
        await using var host = await SandboxHost.StartAsync();

        var (_, payment) = await AuthorizeAsync(host, new
        {
            amount = 1000, currency = "USD", payment_methods = Klarna("krn:network:eu1:test:session-token:made-up"),
        });

        Assert.Equal("failed", payment["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Amount_other_than_the_approved_one_is_declined()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await ApprovedTokenAsync(host, 1000);

        var (_, payment) = await AuthorizeAsync(host, new { amount = 1200, currency = "USD", payment_methods = Klarna(token) });

        Assert.Equal("failed", payment["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_older_than_one_hour_is_declined()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await SandboxHost.StartAsync(time: time);
        var token = await ApprovedTokenAsync(host, 1000);
        time.Advance(TimeSpan.FromMinutes(61));

        var (_, payment) = await AuthorizeAsync(host, new { amount = 1000, currency = "USD", payment_methods = Klarna(token) });

        Assert.Equal("failed", payment["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replayed_idempotency_key_returns_the_same_payment_and_the_token_authorizes_once()
    {
        await using var host = await SandboxHost.StartAsync();
        var token = await ApprovedTokenAsync(host, 1000);
        var body = new { amount = 1000, currency = "USD", payment_methods = Klarna(token) };

        var (_, first) = await AuthorizeAsync(host, body, "key-1");
        var (_, replay) = await AuthorizeAsync(host, body, "key-1");
        var (_, second) = await AuthorizeAsync(host, body, "key-2");
        var (conflict, _) = await AuthorizeAsync(host, new { amount = 999, currency = "USD", payment_methods = Klarna(token) }, "key-1");

        Assert.Equal(first.ToJsonString(), replay.ToJsonString());
        Assert.Equal("completed", first["status"]!.GetValue<string>());
        Assert.Equal("failed", second["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, conflict);
    }

    [Fact]
    public async Task Request_without_the_bearer_key_is_unauthorized()
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/acquirer/payment")
        {
            Content = SandboxHost.Json(new { amount = 1000, currency = "USD", payment_methods = Klarna("x") }),
        };
        request.Headers.Add("Idempotency-Key", "key-1");
        request.Headers.TryAddWithoutValidation("Authorization", $"Basic {host.AcquirerApiKey}");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Missing_idempotency_key_is_rejected()
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, problem) = await AuthorizeAsync(host, new { amount = 1000, currency = "USD", payment_methods = Klarna("x") }, idempotencyKey: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Idempotency-Key", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"amount": 0, "currency": "USD", "payment_methods": {"klarna": {"klarna_interoperability_token": "t"}}}""", "amount")]
    [InlineData("""{"amount": 100, "currency": "US", "payment_methods": {"klarna": {"klarna_interoperability_token": "t"}}}""", "currency")]
    [InlineData("""{"amount": 100, "currency": "USD", "payment_methods": {"klarna": {}}}""", "payment_methods.klarna.klarna_interoperability_token")]
    public async Task Invalid_payment_is_rejected_naming_the_field(string body, string field)
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, problem) = await AuthorizeAsync(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem["errors"]![field]);
    }

    private static object Klarna(string token) => new { klarna = new { klarna_interoperability_token = token } };

    private static JsonObject NetworkData(JsonObject payment) =>
        JsonNode.Parse(payment["additional_data"]!["klarna_network_response_data"]!.GetValue<string>())!.AsObject();

    private static async Task<string> ApprovedTokenAsync(SandboxHost host, long amount)
    {
        var id = (await host.CreateAsync(SandboxRequests.OneOffPurchase(amount))).Id();
        var (_, completed) = await host.SimulateAsync(id, "approve");
        return completed["state_context"]!["klarna_network_session_token"]!.GetValue<string>();
    }

    private static Task<(HttpStatusCode Status, JsonObject Body)> AuthorizeAsync(
        SandboxHost host, object body, string? idempotencyKey = "generated")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/acquirer/payment") { Content = SandboxHost.Json(body) };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {host.AcquirerApiKey}");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey == "generated" ? Guid.NewGuid().ToString() : idempotencyKey);
        }

        return host.SendAsync(request);
    }
}
