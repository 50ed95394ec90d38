namespace Checkout.Contract.Tests.TokenCharge;

using System.Text.Json.Nodes;
using Checkout.Acquiring;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Contract.Tests.Samples;
using Checkout.Contract.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;
using global::WireMock.RequestBuilders;

[Collection(SharedFakeUpstream.Name)]
public sealed class PartnerTokenChargeContractTests(FakeUpstream upstream) : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> AcquirerLed = new() { ["Klarna:Flow"] = "AcquirerLed" };

    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_renewal_posts_the_acquirers_token_id_not_present_with_the_subscription_and_no_session_token()
    {
        Stub(201, Sample.Text(Sample.Seed002Completed));

        await ChargeAsync();

        var sent = Assert.Single(upstream.Received("/v1/payments"));
        Assert.Equal($"Bearer {OutboundClientHost.AcquirerApiKey}", sent.Header("Authorization"));
        Assert.Equal(Renewal.Key, sent.Header("Idempotency-Key"));
        var expected = JsonNode.Parse($$"""
            {
              "reference": "{{Renewal.Reference}}",
              "currency": "USD",
              "amount": 999,
              "customer_token_id": "{{Renewal.AcquirerTokenId}}",
              "customer_present": false,
              "supplementary_purchase_data": {
                "purchase_reference": "{{Renewal.Reference}}",
                "subscriptions": [{
                  "subscription_reference": "subscription-0c8a6f537d0e4f299a553c1e9b7b2a41",
                  "name": "Premium monthly",
                  "free_trial": "INACTIVE",
                  "billing_plans": [{ "billing_amount": 999, "currency": "USD", "from": "2026-03-31", "interval": "MONTH", "interval_frequency": 1 }]
                }]
              }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, sent.Json), sent.Body);
    }

    [Theory]
    [InlineData("""{"payment_id":"pay_a","status":"completed","payment_transaction_id":"krn:payment:eu1:transaction:1"}""", TokenChargeStatus.Approved, "pay_a", null)]
    [InlineData("""{"payment_id":"pay_d","status":"failed","failure_reason":"DECLINED","failure_message":"Klarna declined: TEST_AMOUNT_ENDS_IN_13"}""", TokenChargeStatus.Declined, "pay_d", "DECLINED: Klarna declined: TEST_AMOUNT_ENDS_IN_13")]
    [InlineData("""{"payment_id":"pay_r","status":"failed","failure_reason":"TOKEN_REVOKED","failure_message":"Klarna declined: CUSTOMER_TOKEN_REVOKED"}""", TokenChargeStatus.TokenRevoked, "pay_r", "TOKEN_REVOKED: Klarna declined: CUSTOMER_TOKEN_REVOKED")]
    [InlineData("""{"payment_id":"pay_f","status":"failed"}""", TokenChargeStatus.Declined, "pay_f", "declined")]
    public async Task Each_answer_maps_to_a_token_charge_result(string answer, TokenChargeStatus status, string paymentId, string? reason)
    {
        Stub(201, answer);

        var result = await ChargeAsync();

        Assert.Equal(new TokenChargeResult(status, paymentId, reason), result);
    }

    [Fact]
    public async Task An_unknown_token_id_is_a_rejection_naming_the_acquirers_detail()
    {
        Stub(404, """{"title":"Customer token not found","detail":"No customer token has this customer_token_id."}""");

        var failure = await Assert.ThrowsAsync<AcquirerRejectedException>(ChargeAsync);

        Assert.Equal(404, failure.StatusCode);
        Assert.Contains("customer_token_id", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Renewal.AcquirerTokenId, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_gateway_after_the_retries_is_an_unknown_outcome()
    {
        Stub(502, """{"title":"Klarna is not available."}""");

        await Assert.ThrowsAsync<AcquirerUnavailableException>(ChargeAsync);

        Assert.Equal(4, (await upstream.ReceivedAsync("/v1/payments", 4)).Count);
    }

    [Fact]
    public async Task The_token_id_is_never_logged()
    {
        Stub(201, Sample.Text(Sample.Seed002Completed));
        var logs = new CapturedLogs();

        await using var services = OutboundClientHost.Create(upstream.BaseAddress, overrides: AcquirerLed, configure: CapturedLogs.Into(logs));
        await services.GetRequiredService<ITokenCharger>().ChargeAsync(Renewal.Request(Renewal.AcquirerTokenId), CancellationToken.None);

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Renewal.AcquirerTokenId, StringComparison.Ordinal));
    }

    private void Stub(int status, string body) =>
        upstream.Given(Request.Create().WithPath("/v1/payments").UsingPost()).RespondWith(Reply.Json(status, body));

    private async Task<TokenChargeResult> ChargeAsync()
    {
        await using var services = OutboundClientHost.Create(upstream.BaseAddress, overrides: AcquirerLed);
        var charger = services.GetRequiredService<ITokenCharger>();
        Assert.IsType<PartnerTokenCharger>(charger);
        return await charger.ChargeAsync(Renewal.Request(Renewal.AcquirerTokenId), CancellationToken.None);
    }
}
