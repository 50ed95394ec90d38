using System.Net;
using System.Text.Json.Nodes;
using Checkout.Sandbox.Acquirer.Payments;
using Checkout.Sandbox.Common;

namespace Checkout.Emulator.Tests;

/// <summary>Klarna-Idempotency-Key must be a UUID ("Integration resilience": keys should be UUIDv5).</summary>
public sealed class IdempotencyKeyTests
{
    public static TheoryData<string> NotUuids => new()
    {
        "key-1",
        "order-3f2c8e0a-5b1d-4c7e-9a6f-0d8b2e4c6a1f-payment-request",
        "3f2c8e0a5b1d4c7e9a6f0d8b2e4c6a1f",
        "{3f2c8e0a-5b1d-4c7e-9a6f-0d8b2e4c6a1f}",
    };

    [Theory]
    [MemberData(nameof(NotUuids))]
    public async Task Payment_request_with_a_key_that_is_not_a_uuid_is_rejected_naming_the_header(string key)
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = host.Klarna(HttpMethod.Post, "/v2/payment/requests", SandboxRequests.OneOffPurchase());
        request.Headers.Add("Klarna-Idempotency-Key", key);

        var (status, error) = await host.SendAsync(request);

        AssertRejectsTheKey(status, error);
        await Task.Delay(200); // room for a "submitted" webhook, had a request been created
        Assert.Empty(host.Webhooks);
    }

    [Theory]
    [MemberData(nameof(NotUuids))]
    public async Task Payment_authorize_with_a_key_that_is_not_a_uuid_is_rejected_naming_the_header(string key)
    {
        await using var host = await SandboxHost.StartAsync();
        using var request = host.Klarna(
            HttpMethod.Post, PaymentAuthorizeTests.Path, PaymentAuthorizeTests.TokenOnly().ToJsonString(), host.AcquirerKlarnaApiKey);
        request.Headers.Add("Klarna-Idempotency-Key", key);

        var (status, error) = await host.SendAsync(request);

        AssertRejectsTheKey(status, error);
    }

    [Fact]
    public async Task Uuid_v5_key_is_accepted_and_replays_the_first_answer()
    {
        await using var host = await SandboxHost.StartAsync();
        var key = DeterministicUuid.Create(Guid.NewGuid(), "order-1:payment-request").ToString("D");

        var first = await host.CreateAsync(SandboxRequests.OneOffPurchase(), key);
        var again = await host.CreateAsync(SandboxRequests.OneOffPurchase(), key);

        Assert.Equal(first.Id(), again.Id());
    }

    [Theory]
    [InlineData("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org", "886313e1-3b8a-5372-9b90-0c9aee199e5d")]
    [InlineData("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "https://docs.klarna.com/", "e84d50c2-0d96-5ee3-878c-1aebf1b9f438")]
    public void Deterministic_uuid_is_rfc_4122_version_5(string namespaceId, string name, string expected)
    {
        Assert.Equal(Guid.Parse(expected), DeterministicUuid.Create(Guid.Parse(namespaceId), name));
    }

    [Fact]
    public async Task Acquirer_calls_klarna_with_a_uuid_v5_key_per_payment_and_operation()
    {
        await using var host = await SandboxHost.StartAsync();
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));
        await host.JourneyAsync(payment);
        var completed = await host.WaitForFinalStatusAsync(payment.PaymentId());

        Assert.Equal("completed", completed.Text("status"));
        var calls = host.KlarnaTraffic.Authorizations;
        Assert.Equal(2, calls.Length);
        Assert.Equal(KlarnaIdempotencyKeys.For(payment.PaymentId(), KlarnaIdempotencyKeys.Authorize), calls[0].IdempotencyKey);
        Assert.Equal(KlarnaIdempotencyKeys.For(payment.PaymentId(), KlarnaIdempotencyKeys.Finalize), calls[1].IdempotencyKey);
        Assert.All(calls, call => Assert.Equal(5, Guid.ParseExact(call.IdempotencyKey!, "D").Version));
        Assert.NotEqual(calls[0].IdempotencyKey, calls[1].IdempotencyKey);
    }

    private static void AssertRejectsTheKey(HttpStatusCode status, JsonObject error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INPUT_ERROR", error.Text("error_type"));
        Assert.Equal("VALIDATION_ERROR", error.Text("error_code"));
        var failure = Assert.Single(error["validation_errors"]!.AsArray())!;
        Assert.Equal("Klarna-Idempotency-Key", failure.Text("parameter"));
        Assert.Contains("UUID", failure.Text("reason"), StringComparison.Ordinal);
    }
}
