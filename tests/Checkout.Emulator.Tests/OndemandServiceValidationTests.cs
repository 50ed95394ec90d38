using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

/// <summary>supplementary_purchase_data.ondemand_service: mandatory with payment:customer_present, and well formed.</summary>
public sealed class OndemandServiceValidationTests
{
    private const string Path = "supplementary_purchase_data.ondemand_service";

    public static TheoryData<string, string> Malformed => new()
    {
        { """{"average_amount": 1500, "minimum_amount": 500, "maximum_amount": 5000}""", Path + ".purchase_interval" },
        { """{"average_amount": 1500, "minimum_amount": 500, "maximum_amount": 5000, "purchase_interval": "FORTNIGHT"}""", Path + ".purchase_interval" },
        { """{"average_amount": 1500, "minimum_amount": 500, "maximum_amount": 5000, "purchase_interval": "week"}""", Path + ".purchase_interval" },
        { """{"average_amount": 1500, "minimum_amount": 500, "maximum_amount": 5000, "purchase_interval": "WEEK", "purchase_interval_frequency": 0}""", Path + ".purchase_interval_frequency" },
        { """{"average_amount": 1500, "minimum_amount": 500, "maximum_amount": 5000, "purchase_interval": "WEEK", "purchase_interval_frequency": 1.5}""", Path + ".purchase_interval_frequency" },
        { """{"minimum_amount": 500, "maximum_amount": 5000, "purchase_interval": "WEEK"}""", Path + ".average_amount" },
        { """{"average_amount": -1, "minimum_amount": 0, "maximum_amount": 5000, "purchase_interval": "WEEK"}""", Path + ".average_amount" },
        { """{"average_amount": 1500, "minimum_amount": "500", "maximum_amount": 5000, "purchase_interval": "WEEK"}""", Path + ".minimum_amount" },
        { """{"average_amount": 1500, "minimum_amount": 500, "maximum_amount": 50.5, "purchase_interval": "WEEK"}""", Path + ".maximum_amount" },
        { """{"average_amount": 6000, "minimum_amount": 500, "maximum_amount": 5000, "purchase_interval": "WEEK"}""", Path + ".average_amount" },
        { """{"average_amount": 400, "minimum_amount": 500, "maximum_amount": 5000, "purchase_interval": "WEEK"}""", Path + ".average_amount" },
        { """{"average_amount": 1500, "minimum_amount": 5000, "maximum_amount": 500, "purchase_interval": "WEEK"}""", Path + ".maximum_amount" },
        { """["WEEK"]""", Path },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Payment_request_with_malformed_ondemand_service_is_rejected_naming_the_field(string service, string parameter)
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, error) = await host.SendAsync(host.Klarna(HttpMethod.Post, "/v2/payment/requests", OnDemandRequest(service).ToJsonString()));

        AssertNames(status, error, parameter);
    }

    [Fact]
    public async Task Customer_present_scope_without_ondemand_service_is_rejected_naming_it()
    {
        await using var host = await SandboxHost.StartAsync();
        var body = OnDemandRequest("{}");
        body["supplementary_purchase_data"] = new JsonObject { ["purchase_reference"] = "order-1" };

        var (status, error) = await host.SendAsync(host.Klarna(HttpMethod.Post, "/v2/payment/requests", body.ToJsonString()));

        AssertNames(status, error, Path);
    }

    [Theory]
    [InlineData("""{"average_amount": 1500, "minimum_amount": 500, "maximum_amount": 5000, "purchase_interval": "WEEK", "purchase_interval_frequency": 2}""")]
    [InlineData("""{"average_amount": 0, "minimum_amount": 0, "maximum_amount": 0, "purchase_interval": "DAY"}""")]
    [InlineData("""{"average_amount": 5000, "minimum_amount": 500, "maximum_amount": 5000, "purchase_interval": "YEAR", "currency": "USD"}""")]
    public async Task Well_formed_ondemand_service_is_accepted(string service)
    {
        await using var host = await SandboxHost.StartAsync();

        var created = await host.CreateAsync(OnDemandRequest(service));

        Assert.Equal("SUBMITTED", created.State());
    }

    [Fact]
    public async Task Payment_authorize_with_malformed_ondemand_service_is_rejected_naming_the_field()
    {
        await using var host = await SandboxHost.StartAsync();
        var body = PaymentAuthorizeTests.TokenOnly();
        body["request_customer_token"]!["scopes"] = new JsonArray("payment:customer_present");
        body["supplementary_purchase_data"] = new JsonObject
        {
            ["ondemand_service"] = JsonNode.Parse("""{"average_amount": 1500, "minimum_amount": 500, "maximum_amount": 5000}"""),
        };

        var (status, error) = await host.SendAsync(host.Klarna(
            HttpMethod.Post, PaymentAuthorizeTests.Path, body.ToJsonString(), host.AcquirerKlarnaApiKey));

        AssertNames(status, error, Path + ".purchase_interval");
    }

    [Fact]
    public async Task Acquirer_passes_klarnas_validation_errors_on_to_the_partner_by_field()
    {
        await using var host = await SandboxHost.StartAsync();
        var body = AcquirerRequests.OnDemand(amount: 1500);
        body["supplementary_purchase_data"]!["ondemand_service"]!["purchase_interval"] = "FORTNIGHT";

        var (status, problem) = await host.CreatePaymentAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var reasons = problem["errors"]![Path + ".purchase_interval"]!.AsArray();
        Assert.Contains("DAY, WEEK, MONTH or YEAR", Assert.Single(reasons)!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, Assert.Single(host.KlarnaTraffic.Authorizations).Status);
    }

    private static JsonObject OnDemandRequest(string service) => new()
    {
        ["currency"] = "USD",
        ["supplementary_purchase_data"] = new JsonObject { ["ondemand_service"] = JsonNode.Parse(service) },
        ["request_customer_token"] = new JsonObject
        {
            ["scopes"] = new JsonArray("payment:customer_present"),
            ["customer_token_reference"] = "ride-user-42",
        },
    };

    private static void AssertNames(HttpStatusCode status, JsonObject error, string parameter)
    {
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("VALIDATION_ERROR", error.Text("error_code"));
        var named = error["validation_errors"]!.AsArray().Select(item => item!.Text("parameter")).ToList();
        Assert.Equal([parameter], named);
    }
}
