namespace Checkout.Contract.Tests.Worldline;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Checkout.Acquiring;
using Checkout.Acquiring.WorldlineConnect;
using Checkout.Contract.Tests.Resilience;
using Checkout.Contract.Tests.Samples;
using Checkout.Contract.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;
using global::WireMock.RequestBuilders;

[Collection(SharedFakeUpstream.Name)]
public sealed class WorldlineConnectContractTests(FakeUpstream upstream) : IAsyncLifetime
{
    private const string PaymentsPath = $"/v1/{OutboundClientHost.MerchantId}/payments";
    private const string Key = "order-3f2a9c1e7b5d4e6f8a0b1c2d3e4f5a6b-first-charge";

    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Authorization_posts_Klarna_product_838_with_the_token_amount_reference_and_return_url()
    {
        upstream.Given(Request.Create().WithPath(PaymentsPath).UsingPost()).RespondWith(Reply.Json(201, Sample.Text(Sample.WorldlineCreated)));

        await AuthorizeAsync();

        var sent = Assert.Single(upstream.Received(PaymentsPath));
        Assert.Equal("POST", sent.Method);
        Assert.Equal("application/json", sent.Header("Content-Type"));
        Assert.Equal(Key, sent.Header("X-GCS-Idempotence-Key"));
        var body = sent.Json;
        Assert.Equal(999, body["order"]!["amountOfMoney"]!["amount"]!.GetValue<long>());
        Assert.Equal("USD", body["order"]!["amountOfMoney"]!["currencyCode"]!.GetValue<string>());
        Assert.Equal("3f2a9c1e7b5d4e6f8a0b1c2d3e4f5a6b", body["order"]!["references"]!["merchantReference"]!.GetValue<string>());
        var input = body["redirectPaymentMethodSpecificInput"]!.AsObject();
        Assert.Equal(838, input["paymentProductId"]!.GetValue<int>());
        Assert.Equal("krn:network:session-token", input["paymentProduct838SpecificInput"]!["interoperabilityToken"]!.GetValue<string>());
        Assert.False(input["paymentProduct838SpecificInput"]!.AsObject().ContainsKey("interoperabilityData"));
        Assert.Equal(OutboundClientHost.ReturnUrl, input["redirectionData"]!["returnUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorization_header_verifies_against_what_Worldline_received()
    {
        upstream.Given(Request.Create().WithPath(PaymentsPath).UsingPost()).RespondWith(Reply.Json(201, Sample.Text(Sample.WorldlineCreated)));

        await AuthorizeAsync();

        var sent = Assert.Single(upstream.Received(PaymentsPath));
        var date = sent.Header("Date")!;
        Assert.True(DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), $"Date '{date}' is not RFC 1123");
        Assert.Equal(SignatureOf(sent), sent.Header("Authorization"));
        Assert.DoesNotContain(sent.Headers, h => h.Value.Contains(OutboundClientHost.SecretApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(OutboundClientHost.SecretApiKey, sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_retry_is_dated_and_signed_afresh_when_it_leaves()
    {
        upstream.Given(Request.Create().WithPath(PaymentsPath).UsingPost())
            .InScenario("throttled").WillSetStateTo("open").RespondWith(Reply.Status(429, ("Retry-After", "1")));
        upstream.Given(Request.Create().WithPath(PaymentsPath).UsingPost())
            .InScenario("throttled").WhenStateIs("open").RespondWith(Reply.Json(201, Sample.Text(Sample.WorldlineCreated)));

        await AuthorizeAsync();

        var attempts = upstream.Received(PaymentsPath);
        Assert.Equal(2, attempts.Count);
        Assert.NotEqual(attempts[0].Header("Date"), attempts[1].Header("Date"));
        Assert.All(attempts, attempt => Assert.Equal(SignatureOf(attempt), attempt.Header("Authorization")));
    }

    [Fact]
    public async Task Without_a_return_url_the_redirection_data_is_left_out()
    {
        upstream.Given(Request.Create().WithPath(PaymentsPath).UsingPost()).RespondWith(Reply.Json(201, Sample.Text(Sample.WorldlineCreated)));

        await AuthorizeAsync(new Dictionary<string, string?> { ["Acquirer:ReturnUrl"] = "" });

        var sent = Assert.Single(upstream.Received(PaymentsPath));
        Assert.False(sent.Json["redirectPaymentMethodSpecificInput"]!.AsObject().ContainsKey("redirectionData"));
    }

    [Theory]
    [InlineData("PENDING_APPROVAL", AuthorizationStatus.Approved)]
    [InlineData("PENDING_CAPTURE", AuthorizationStatus.Approved)]
    [InlineData("CAPTURED", AuthorizationStatus.Approved)]
    [InlineData("PAID", AuthorizationStatus.Approved)]
    [InlineData("REJECTED", AuthorizationStatus.Declined)]
    [InlineData("CANCELLED", AuthorizationStatus.Declined)]
    [InlineData("CREATED", AuthorizationStatus.Pending)]
    [InlineData("REDIRECTED", AuthorizationStatus.Pending)]
    public async Task Payment_status_maps_to_our_authorization_status(string worldlineStatus, AuthorizationStatus expected)
    {
        await StubCreatedWithStatusAsync(worldlineStatus);

        var result = await AuthorizeAsync();

        Assert.Equal(expected, result.Status);
        Assert.Equal("000000999910000012340000100001", result.PaymentId);
    }

    [Fact]
    public async Task An_unknown_payment_status_is_an_error_rather_than_a_guess()
    {
        await StubCreatedWithStatusAsync("SOMETHING_NEW");

        var failure = await Assert.ThrowsAsync<AcquirerUnavailableException>(() => AuthorizeAsync());

        Assert.Contains("SOMETHING_NEW", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_client_error_is_reported_with_Worldlines_error_and_never_the_secret()
    {
        upstream.Given(Request.Create().WithPath(PaymentsPath).UsingPost()).RespondWith(Reply.Json(400, Sample.Text(Sample.WorldlineInvalidRequest)));

        var failure = await Assert.ThrowsAsync<AcquirerUnavailableException>(() => AuthorizeAsync());

        Assert.Contains("400", failure.Message, StringComparison.Ordinal);
        Assert.Contains("21000020", failure.Message, StringComparison.Ordinal);
        Assert.Contains("order.amountOfMoney.currencyCode", failure.Message, StringComparison.Ordinal);
        Assert.Contains("7f3e1a9c-2d4b-4c8e-a1f0-3b5d6e7f8a90", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OutboundClientHost.SecretApiKey, failure.ToString(), StringComparison.Ordinal);
        Assert.Single(upstream.Received(PaymentsPath));
    }

    /// <summary>Rebuilt by hand from the received headers, with the framework's HMAC rather than the signer's.</summary>
    private static string SignatureOf(ReceivedRequest sent)
    {
        var stringToSign = $"POST\n{sent.Header("Content-Type")}\n{sent.Header("Date")}\nx-gcs-idempotence-key:{sent.Header("X-GCS-Idempotence-Key")}\n{sent.Url}\n";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(OutboundClientHost.SecretApiKey), Encoding.UTF8.GetBytes(stringToSign)));
        return $"GCS v1HMAC:{OutboundClientHost.ApiKeyId}:{signature}";
    }

    private async Task StubCreatedWithStatusAsync(string status)
    {
        var body = Sample.Json(Sample.WorldlineCreated);
        body["payment"]!["status"] = status;
        upstream.Given(Request.Create().WithPath(PaymentsPath).UsingPost()).RespondWith(Reply.Json(201, body.ToJsonString()));
    }

    private async Task<AuthorizationResult> AuthorizeAsync(IDictionary<string, string?>? overrides = null)
    {
        await using var services = OutboundClientHost.Create(upstream.BaseAddress, AcquirerKind.WorldlineConnect, overrides: overrides);
        var acquirer = services.GetRequiredService<IAcquirer>();
        Assert.IsType<WorldlineConnectClient>(acquirer);
        return await acquirer.AuthorizeAsync(EffectfulCall.FirstCharge(Key), CancellationToken.None);
    }
}
