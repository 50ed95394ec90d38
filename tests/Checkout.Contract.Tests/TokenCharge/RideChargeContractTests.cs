namespace Checkout.Contract.Tests.TokenCharge;

using System.Text.Json.Nodes;
using Checkout.Acquiring;
using Checkout.Acquiring.Generic;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Acquiring.WorldlineConnect;
using Checkout.Contract.Tests.Samples;
using Checkout.Contract.Tests.Upstream;
using Checkout.Domain.Pricing;
using Microsoft.Extensions.DependencyInjection;
using global::WireMock.RequestBuilders;

/// <summary>
/// Customer-present ride charges against an independent fake acquirer: the bodies each adapter sends, the partner API's
/// step-up answer read as Klarna's unwrapped URL, and Worldline's refusal before any call.
/// </summary>
[Collection(SharedFakeUpstream.Name)]
public sealed class RideChargeContractTests(FakeUpstream upstream) : IAsyncLifetime
{
    private const string Reference = "ride-5d1f0c2a9b8e4f7d8c6b5a4938271605";
    private const string Key = "on-demand-5d1f0c2a9b8e4f7d8c6b5a4938271605-charge";
    private static readonly Uri ReturnUrl = new("https://shop.example/on-demand/charges/5d1f0c2a-9b8e-4f7d-8c6b-5a4938271605/return");

    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_partner_api_gets_the_acquirers_token_id_present_with_the_return_url_and_a_step_up_comes_back_unwrapped()
    {
        upstream.Given(Request.Create().WithPath("/v1/payments").UsingPost()).RespondWith(Reply.Json(201, Sample.Text(Sample.Seed002Open)));

        var result = await ChargeAsync(PartnerTokenChargeContractTests.AcquirerLed, Renewal.AcquirerTokenId);

        var sent = Assert.Single(upstream.Received("/v1/payments"));
        Assert.Equal(Key, sent.Header("Idempotency-Key"));
        var expected = JsonNode.Parse($$"""
            {"reference": "{{Reference}}", "currency": "USD", "amount": 1542, "customer_token_id": "{{Renewal.AcquirerTokenId}}",
             "customer_present": true, "return_url": "{{ReturnUrl.AbsoluteUri}}"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, sent.Json), sent.Body);
        Assert.Equal(CustomerPresentChargeStatus.StepUpRequired, result.Status);
        Assert.Equal("pr_27234RBQD9NAKD032BN", result.PaymentId);
        Assert.Equal("https://pay.test.klarna.com/na/requests/aeba9923-[...]/start", result.PurchaseJourneyUrl);
    }

    [Fact]
    public async Task The_generic_acquirer_gets_klarnas_token_present_with_the_return_url()
    {
        upstream.Given(Request.Create().WithPath("/payment").UsingPost()).RespondWith(Reply.Json(200,
            """{"payment_id":"pay_r1","status":"completed","payment_transaction_id":"krn:payment:eu1:transaction:1"}"""));

        var result = await ChargeAsync(null, Renewal.KlarnaToken);

        var sent = Assert.Single(upstream.Received("/payment"));
        Assert.Equal(Key, sent.Header("Idempotency-Key"));
        var expected = JsonNode.Parse($$"""
            {"amount": 1542, "currency": "USD", "reference": "{{Reference}}",
             "payment_methods": {"klarna": {"customer_token": "{{Renewal.KlarnaToken}}", "customer_present": true} },
             "return_url": "{{ReturnUrl.AbsoluteUri}}"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, sent.Json), sent.Body);
        Assert.Equal(new CustomerPresentChargeResult(CustomerPresentChargeStatus.Approved, "pay_r1", "krn:payment:eu1:transaction:1", null, null), result);
    }

    [Fact]
    public async Task An_open_answer_without_klarnas_url_is_an_unknown_outcome_not_a_step_up()
    {
        upstream.Given(Request.Create().WithPath("/v1/payments").UsingPost()).RespondWith(Reply.Json(201, """{"payment_id":"pay_o","status":"open"}"""));

        await Assert.ThrowsAsync<AcquirerUnavailableException>(() => ChargeAsync(PartnerTokenChargeContractTests.AcquirerLed, Renewal.AcquirerTokenId));
    }

    private async Task<CustomerPresentChargeResult> ChargeAsync(Dictionary<string, string?>? overrides, string storedToken)
    {
        await using var services = OutboundClientHost.Create(upstream.BaseAddress, overrides: overrides);
        var charger = services.GetRequiredService<ICustomerPresentCharger>();
        Assert.IsType(overrides is null ? typeof(GenericCustomerPresentCharger) : typeof(PartnerCustomerPresentCharger), charger);
        return await charger.ChargeAsync(Ride(storedToken), CancellationToken.None);
    }

    private static CustomerPresentChargeRequest Ride(string storedToken) => new(Reference, Money.Of(1542, "USD"), storedToken, Key, ReturnUrl);
}
