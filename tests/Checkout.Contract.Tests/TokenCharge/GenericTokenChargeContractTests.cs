namespace Checkout.Contract.Tests.TokenCharge;

using System.Text.Json.Nodes;
using Checkout.Acquiring;
using Checkout.Acquiring.Generic;
using Checkout.Contract.Tests.Samples;
using Checkout.Contract.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;
using global::WireMock.RequestBuilders;

[Collection(SharedFakeUpstream.Name)]
public sealed class GenericTokenChargeContractTests(FakeUpstream upstream) : IAsyncLifetime
{
    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_renewal_posts_seed_000s_shape_with_the_customer_token_not_present_and_the_subscription()
    {
        Stub(200, Sample.Text(Sample.Seed002Completed));

        await ChargeAsync();

        var sent = Assert.Single(upstream.Received("/payment"));
        Assert.Equal($"Bearer {OutboundClientHost.AcquirerApiKey}", sent.Header("Authorization"));
        Assert.Equal(Renewal.Key, sent.Header("Idempotency-Key"));
        var expected = JsonNode.Parse($$"""
            {
              "amount": 999,
              "currency": "USD",
              "reference": "{{Renewal.Reference}}",
              "payment_methods": { "klarna": { "customer_token": "{{Renewal.KlarnaToken}}", "customer_present": false } },
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

    [Fact]
    public async Task An_open_answer_is_an_unknown_outcome_to_ask_again_under_the_same_key()
    {
        Stub(200, Sample.Text(Sample.Seed002Open));

        await Assert.ThrowsAsync<AcquirerUnavailableException>(ChargeAsync);
    }

    [Fact]
    public async Task A_client_error_is_a_rejection_with_the_acquirers_detail_and_is_not_retried()
    {
        Stub(409, """{"title":"Idempotency-Key reused","detail":"This Idempotency-Key was already used with a different body."}""");

        var failure = await Assert.ThrowsAsync<AcquirerRejectedException>(ChargeAsync);

        Assert.Equal(409, failure.StatusCode);
        Assert.Contains("different body", failure.Message, StringComparison.Ordinal);
        Assert.Single(upstream.Received("/payment"));
    }

    [Fact]
    public async Task The_customer_token_is_never_logged_nor_in_a_failure()
    {
        Stub(503, "");
        var logs = new CapturedLogs();

        var failure = await Record.ExceptionAsync(() => ChargeAsync(logs));

        Assert.IsType<AcquirerUnavailableException>(failure);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Renewal.KlarnaToken, StringComparison.Ordinal));
        Assert.DoesNotContain(Renewal.KlarnaToken, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Renewal.KlarnaToken, Renewal.Request(Renewal.KlarnaToken).ToString(), StringComparison.Ordinal);
    }

    private void Stub(int status, string body) =>
        upstream.Given(Request.Create().WithPath("/payment").UsingPost()).RespondWith(Reply.Json(status, body));

    private async Task<TokenChargeResult> ChargeAsync() => await ChargeAsync(null);

    private async Task<TokenChargeResult> ChargeAsync(CapturedLogs? logs)
    {
        await using var services = OutboundClientHost.Create(
            upstream.BaseAddress, AcquirerKind.Generic, configure: logs is null ? null : CapturedLogs.Into(logs));
        var charger = services.GetRequiredService<ITokenCharger>();
        Assert.IsType<GenericTokenCharger>(charger);
        return await charger.ChargeAsync(Renewal.Request(Renewal.KlarnaToken), CancellationToken.None);
    }
}
