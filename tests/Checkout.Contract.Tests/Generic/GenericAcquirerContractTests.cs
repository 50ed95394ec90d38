namespace Checkout.Contract.Tests.Generic;

using Checkout.Acquiring;
using Checkout.Acquiring.Generic;
using Checkout.Contract.Tests.Resilience;
using Checkout.Contract.Tests.Samples;
using Checkout.Contract.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;
using global::WireMock.RequestBuilders;

[Collection(SharedFakeUpstream.Name)]
public sealed class GenericAcquirerContractTests(FakeUpstream upstream) : IAsyncLifetime
{
    private const string Key = "order-3f2a9c1e7b5d4e6f8a0b1c2d3e4f5a6b-first-charge";

    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Authorization_body_uses_the_field_names_of_seed_000s_sample()
    {
        upstream.Given(Request.Create().WithPath("/payment").UsingPost()).RespondWith(Reply.Json(200, Sample.Text(Sample.Seed002Completed)));

        await AuthorizeAsync();

        var sent = Assert.Single(upstream.Received("/payment"));
        Assert.Equal($"Bearer {OutboundClientHost.AcquirerApiKey}", sent.Header("Authorization"));
        Assert.Equal(Key, sent.Header("Idempotency-Key"));
        var body = sent.Json;
        Assert.Equal(999, body["amount"]!.GetValue<long>());
        Assert.Equal("USD", body["currency"]!.GetValue<string>());
        Assert.Equal("krn:network:session-token", body["payment_methods"]!["klarna"]!["klarna_interoperability_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Seed_002s_completed_answer_is_approved_with_its_payment_id_and_opaque_network_data()
    {
        upstream.Given(Request.Create().WithPath("/payment").UsingPost()).RespondWith(Reply.Json(200, Sample.Text(Sample.Seed002Completed)));

        var result = await AuthorizeAsync();

        Assert.Equal(AuthorizationStatus.Approved, result.Status);
        Assert.Equal("pr_27234RBQD9NAKD032BN", result.PaymentId);
        Assert.Equal(
            Sample.Json(Sample.Seed002Completed)["additional_data"]!["klarna_network_response_data"]!.GetValue<string>(),
            result.NetworkResponseData);
    }

    [Fact]
    public async Task Seed_002s_open_answer_is_pending()
    {
        upstream.Given(Request.Create().WithPath("/payment").UsingPost()).RespondWith(Reply.Json(200, Sample.Text(Sample.Seed002Open)));

        var result = await AuthorizeAsync();

        Assert.Equal(AuthorizationStatus.Pending, result.Status);
    }

    private async Task<AuthorizationResult> AuthorizeAsync()
    {
        await using var services = OutboundClientHost.Create(upstream.BaseAddress, AcquirerKind.Generic);
        var acquirer = services.GetRequiredService<IAcquirer>();
        Assert.IsType<GenericAcquirerClient>(acquirer);
        return await acquirer.AuthorizeAsync(EffectfulCall.FirstCharge(Key), CancellationToken.None);
    }
}
