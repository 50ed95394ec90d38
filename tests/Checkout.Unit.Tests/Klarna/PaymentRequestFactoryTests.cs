namespace Checkout.Unit.Tests.Klarna;

using System.Text.Json;
using System.Text.Json.Nodes;
using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Domain.Pricing;
using Checkout.Klarna;
using Checkout.Klarna.PaymentRequests;
using Checkout.Unit.Tests.Domain;

public sealed class PaymentRequestFactoryTests
{
    private static readonly Uri ReturnUrl = new("https://shop.example/checkout/return?checkoutId=1");
    private static readonly DateOnly SignUp = new(2025, 7, 1);

    // Seed 000, "Token creation only" sample payload (the part the seed shows, closed).
    private const string SeedTokenOnly = """
        {
          "currency": "USD",
          "supplementary_purchase_data": {
            "subscriptions": [{
              "subscription_reference": "MONTHLY PLAN",
              "name": "9.99 for spotify",
              "free_trial": "ACTIVE",
              "billing_plans": [{
                "billing_amount": 999,
                "currency": "USD",
                "from": "2025-08-01",
                "interval": "MONTH"
              }]
            }]
          }
        }
        """;

    // Seed 000, "Token creation with purchase" sample payload (the part the seed shows, closed).
    private const string SeedWithPurchase = """
        {
          "currency": "USD",
          "amount": 999,
          "supplementary_purchase_data": {
            "subscriptions": [{
              "subscription_reference": "PREMIUM_INDIVIDUAL",
              "name": "9.99 for spotify",
              "free_trial": "INACTIVE",
              "billing_plans": [{
                "billing_amount": 999,
                "currency": "USD",
                "from": "2025-08-01"
              }]
            }]
          }
        }
        """;

    private static Plan Spotify(string id, int trialDays) => new()
    {
        Id = id,
        Name = "9.99 for spotify",
        Description = "test",
        Kind = PlanKind.Subscription,
        Price = Money.Of(999, "USD"),
        Interval = BillingInterval.Month,
        FreeTrialDays = trialDays,
    };

    private static JsonNode Build(Plan plan) =>
        JsonSerializer.SerializeToNode(
            PaymentRequestFactory.Create(Order.Start(plan, DateTimeOffset.UnixEpoch), plan, "S0xBUk5BXzE3", ReturnUrl, SignUp),
            KlarnaJson.Options)!;

    [Fact]
    public void Token_only_request_matches_the_seed_sample()
    {
        var body = Build(Spotify("MONTHLY PLAN", trialDays: 31));
        AssertContains(JsonNode.Parse(SeedTokenOnly)!, body, "$");
        Assert.Null(body["amount"]);
        Assert.Null(body["supplementary_purchase_data"]!["line_items"]);
        Assert.Equal("payment:customer_not_present", body["request_customer_token"]!["scopes"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Request_with_purchase_matches_the_seed_sample()
    {
        var body = Build(Spotify("PREMIUM_INDIVIDUAL", trialDays: 0));
        AssertContains(JsonNode.Parse(SeedWithPurchase)!, body, "$");
        var line = body["supplementary_purchase_data"]!["line_items"]![0]!;
        Assert.Equal(999, line["total_amount"]!.GetValue<long>());
        Assert.Equal(1, body["supplementary_purchase_data"]!["subscriptions"]![0]!["billing_plans"]![0]!["interval_frequency"]!.GetValue<int>());
    }

    [Fact]
    public void Every_request_carries_reference_option_and_handover_return_url()
    {
        var plan = TestPlans.Find("premium-monthly");
        var order = Order.Start(plan, DateTimeOffset.UnixEpoch);
        var body = JsonSerializer.SerializeToNode(PaymentRequestFactory.Create(order, plan, "opt-1", ReturnUrl, SignUp), KlarnaJson.Options)!;
        Assert.Equal(order.Reference, body["payment_request_reference"]!.GetValue<string>());
        Assert.Equal(order.Reference, body["supplementary_purchase_data"]!["purchase_reference"]!.GetValue<string>());
        Assert.Equal(order.Reference, body["request_customer_token"]!["customer_token_reference"]!.GetValue<string>());
        Assert.Equal("opt-1", body["payment_option_id"]!.GetValue<string>());
        Assert.Equal("HANDOVER", body["customer_interaction_config"]!["method"]!.GetValue<string>());
        Assert.Equal(ReturnUrl.AbsoluteUri, body["customer_interaction_config"]!["return_url"]!.GetValue<string>());
    }

    [Fact]
    public void On_demand_request_sends_the_service_and_the_customer_present_scope()
    {
        var plan = TestPlans.Find("rides-on-demand");
        var body = Build(plan);
        Assert.Equal("payment:customer_present", body["request_customer_token"]!["scopes"]![0]!.GetValue<string>());
        Assert.Equal(500, body["amount"]!.GetValue<long>());
        Assert.Null(body["supplementary_purchase_data"]!["subscriptions"]);
        var service = body["supplementary_purchase_data"]!["ondemand_service"]!;
        Assert.Equal(1800, service["average_amount"]!.GetValue<long>());
        Assert.Equal(300, service["minimum_amount"]!.GetValue<long>());
        Assert.Equal(9000, service["maximum_amount"]!.GetValue<long>());
        Assert.Equal("WEEK", service["purchase_interval"]!.GetValue<string>());
        Assert.Equal(2, service["purchase_interval_frequency"]!.GetValue<int>());
    }

    [Fact]
    public void Line_item_carries_the_plan_id_as_its_reference_and_no_product_identifier()
    {
        var body = Build(TestPlans.Find("premium-monthly"));
        var line = body["supplementary_purchase_data"]!["line_items"]![0]!.AsObject();
        Assert.Equal("premium-monthly", line["line_item_reference"]!.GetValue<string>());
        Assert.False(line.ContainsKey("product_identifier"), "product_identifier is for a GTIN or ISBN; a plan has none");
    }

    [Fact]
    public void Relative_return_url_is_refused()
    {
        var plan = TestPlans.Find("premium-monthly");
        Assert.Throws<ArgumentException>(() =>
            PaymentRequestFactory.Create(Order.Start(plan, DateTimeOffset.UnixEpoch), plan, "opt", new Uri("/return", UriKind.Relative), SignUp));
    }

    /// <summary>Every field of <paramref name="expected"/> is in <paramref name="actual"/> with the same value.</summary>
    private static void AssertContains(JsonNode expected, JsonNode? actual, string path)
    {
        Assert.True(actual is not null, $"{path} is missing");
        switch (expected)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    AssertContains(value!, actual![name], $"{path}.{name}");
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    AssertContains(array[i]!, actual!.AsArray()[i], $"{path}[{i}]");
                }
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected.ToJsonString()}, got {actual!.ToJsonString()}");
                break;
        }
    }
}
