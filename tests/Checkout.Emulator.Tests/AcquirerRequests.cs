using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

/// <summary>Partner-facing bodies for the sandbox acquirer (the acquirer-led flow) and the calls its tests repeat.</summary>
internal static class AcquirerRequests
{
    public const string NetworkData = """{"content_type":"vnd.klarna.network-data.v2+json","content":{"a":"<b> & 'c' é","n":1.50}}""";

    /// <summary>Subscription: token scope customer_not_present with the generic acquirer's subscription sample; no amount = token only.</summary>
    public static JsonObject Subscription(long? amount = 999, string reference = "subscription-user-12345")
    {
        var body = new JsonObject
        {
            ["reference"] = reference,
            ["currency"] = "USD",
            ["scopes"] = new JsonArray("payment:customer_not_present"),
            ["supplementary_purchase_data"] = JsonNode.Parse("""
                {
                  "purchase_reference": "order-123",
                  "subscriptions": [{
                    "subscription_reference": "PREMIUM_INDIVIDUAL",
                    "name": "9.99 for spotify",
                    "free_trial": "INACTIVE",
                    "billing_plans": [{"billing_amount": 999, "currency": "USD", "from": "2025-08-01", "interval": "MONTH", "interval_frequency": 1}]
                  }],
                  "customer": {"email": "customer+us@klarna.com"}
                }
                """),
            ["klarna_network_data"] = NetworkData,
            ["return_url"] = "https://merchant.example/return?order=123",
            ["app_return_url"] = "merchantapp://klarna",
        };
        if (amount is { } value)
        {
            body["amount"] = value;
        }

        return body;
    }

    /// <summary>On-demand: token scope customer_present with an ondemand_service description.</summary>
    public static JsonObject OnDemand(long? amount, string reference = "ride-user-42")
    {
        var body = Subscription(amount, reference);
        body["scopes"] = new JsonArray("payment:customer_present");
        body["supplementary_purchase_data"] = JsonNode.Parse("""
            {"ondemand_service": {"average_amount": 1500, "minimum_amount": 500, "maximum_amount": 5000,
              "purchase_interval": "WEEK", "purchase_interval_frequency": 1}}
            """);
        return body;
    }

    public static Task<(HttpStatusCode Status, JsonObject Body)> CreatePaymentAsync(
        this SandboxHost host, JsonObject body, string? idempotencyKey = "generated", string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/acquirer/v1/payments") { Content = SandboxHost.Json(body.ToJsonString()) };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer ?? host.AcquirerApiKey}");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey == "generated" ? Guid.NewGuid().ToString() : idempotencyKey);
        }

        return host.SendAsync(request);
    }

    public static async Task<JsonObject> OpenPaymentAsync(this SandboxHost host, JsonObject body)
    {
        var (status, payment) = await host.CreatePaymentAsync(body);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {payment}");
        Assert.Equal("open", payment["status"]!.GetValue<string>());
        return payment;
    }

    public static Task<(HttpStatusCode Status, JsonObject Body)> GetPaymentAsync(this SandboxHost host, string paymentId, string verb = "")
    {
        var request = new HttpRequestMessage(verb.Length == 0 ? HttpMethod.Get : HttpMethod.Post, $"/sandbox/acquirer/v1/payments/{paymentId}{verb}");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {host.AcquirerApiKey}");
        return host.SendAsync(request);
    }

    public static Task<(HttpStatusCode Status, JsonObject Body)> FinalizeHeldAsync(this SandboxHost host, string paymentId) =>
        host.GetPaymentAsync(paymentId, "/finalize");

    /// <summary>Reads <c>GET /v1/payments/{id}</c> until the condition holds.</summary>
    public static async Task<JsonObject> WaitForPaymentAsync(this SandboxHost host, string paymentId, Func<JsonObject, bool> until) =>
        await Eventually.MatchesAsync($"payment {paymentId} to get there", async () => (await host.GetPaymentAsync(paymentId)).Body, until);

    public static Task<JsonObject> WaitForFinalStatusAsync(this SandboxHost host, string paymentId) =>
        host.WaitForPaymentAsync(paymentId, payment => payment.Text("status") != "open");

    public static Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> until) => Eventually.MatchesAsync("the condition", read, until);

    public static string PaymentId(this JsonObject payment) => payment.Text("payment_id")!;

    public static string? Text(this JsonNode node, string name) => node[name]?.GetValue<string>();

    public static JsonObject NetworkResponse(this JsonObject payment) =>
        JsonNode.Parse(payment["additional_data"]!["klarna_network_response_data"]!.GetValue<string>())!.AsObject();

    /// <summary>Klarna's payment request id, as the partner finds it in the opaque network response data.</summary>
    public static string PaymentRequestId(this JsonObject payment) =>
        payment.NetworkResponse()["content"]!["response"]!["payment_request"]!.Text("payment_request_id")!;

    /// <summary>The shopper approves (or declines, or aborts) in Klarna's journey.</summary>
    public static async Task JourneyAsync(this SandboxHost host, JsonObject payment, string action = "approve", string? email = null)
    {
        var (status, body) = await host.SimulateAsync(payment.PaymentRequestId(), action, email);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
    }
}
