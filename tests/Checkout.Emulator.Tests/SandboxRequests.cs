using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

/// <summary>Golden bodies from the generic acquirer's samples and the calls the tests repeat.</summary>
internal static class SandboxRequests
{
    public static object SubscriptionWithPurchase(long amount = 999, string currency = "USD") => new
    {
        currency,
        amount,
        payment_request_reference = "order-123",
        supplementary_purchase_data = new
        {
            subscriptions = new[]
            {
                new
                {
                    subscription_reference = "PREMIUM_INDIVIDUAL",
                    name = "9.99 for spotify",
                    free_trial = "INACTIVE",
                    billing_plans = new[]
                    {
                        new { billing_amount = 999, currency = "USD", from = "2025-08-01", interval = "MONTH", interval_frequency = 1 },
                    },
                },
            },
        },
        request_customer_token = new { scopes = new[] { "payment:customer_not_present" }, customer_token_reference = "subscription-user-12345" },
        customer_interaction_config = new { method = "HANDOVER", return_url = "https://merchant.example/return?order=123" },
    };

    public static object OneOffPurchase(long amount = 1000, string currency = "USD") => new
    {
        currency,
        amount,
        payment_request_reference = "order-one-off",
        customer_interaction_config = new { method = "HANDOVER", return_url = "https://merchant.example/return" },
    };

    public static async Task<JsonObject> CreateAsync(this SandboxHost host, object body, string? idempotencyKey = null)
    {
        using var request = host.Klarna(HttpMethod.Post, "/v2/payment/requests", body);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Klarna-Idempotency-Key", idempotencyKey);
        }

        using var response = await host.Client.SendAsync(request);
        var json = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {json}");
        return json;
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(this SandboxHost host, HttpRequestMessage request)
    {
        using (request)
        using (var response = await host.Client.SendAsync(request))
        {
            return (response.StatusCode, await ReadJsonAsync(response));
        }
    }

    public static Task<(HttpStatusCode Status, JsonObject Body)> ReadAsync(this SandboxHost host, string paymentRequestId) =>
        host.SendAsync(host.Klarna(HttpMethod.Get, $"/v2/payment/requests/{Uri.EscapeDataString(paymentRequestId)}"));

    public static Task<(HttpStatusCode Status, JsonObject Body)> SimulateAsync(
        this SandboxHost host, string paymentRequestId, string action, string? email = null) =>
        host.SendAsync(host.Klarna(
            HttpMethod.Post,
            $"/v2/payment/requests/{Uri.EscapeDataString(paymentRequestId)}/simulate",
            email is null ? new { action } : new { action, email }));

    public static string Id(this JsonObject paymentRequest) => paymentRequest["payment_request_id"]!.GetValue<string>();

    public static string State(this JsonObject paymentRequest) => paymentRequest["state"]!.GetValue<string>();

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }
}
