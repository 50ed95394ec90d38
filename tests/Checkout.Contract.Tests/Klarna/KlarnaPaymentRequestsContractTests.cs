namespace Checkout.Contract.Tests.Klarna;

using Checkout.Contract.Tests.Samples;
using Checkout.Contract.Tests.Upstream;
using Checkout.Klarna.PaymentRequests;
using Microsoft.Extensions.DependencyInjection;
using global::WireMock.RequestBuilders;

[Collection(SharedFakeUpstream.Name)]
public sealed class KlarnaPaymentRequestsContractTests(FakeUpstream upstream) : IAsyncLifetime
{
    private const string RequestId = "krn:payment:eu1:request:10be1d49-7beb-6b24-b9dd-8c14d0528503";
    /// <summary>The path as WireMock.Net logs and matches it: decoded, though the client escapes the id's colons.</summary>
    private const string RequestPath = "/v2/payment/requests/krn:payment:eu1:request:10be1d49-7beb-6b24-b9dd-8c14d0528503";

    public Task InitializeAsync() => upstream.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_sends_Klarnas_headers_and_reads_the_submitted_request()
    {
        upstream.Given(Request.Create().WithPath("/v2/payment/requests").UsingPost()).RespondWith(Reply.Json(201, Sample.Text(Sample.Seed000Submitted)));
        var body = new PaymentRequestBody
        {
            Currency = "USD",
            Amount = 999,
            PaymentRequestReference = "3f2a9c1e7b5d4e6f8a0b1c2d3e4f5a6b",
            RequestCustomerToken = new RequestCustomerToken(["payment:customer_not_present"], "customer-42"),
            CustomerInteractionConfig = new CustomerInteractionConfig("HANDOVER", "https://shop.example/checkout/return"),
        };

        var created = await WithClientAsync(c => c.CreateAsync(body, "pr-key-1", "krn:network:session-token", CancellationToken.None));

        Assert.Equal(RequestId, created.PaymentRequestId);
        Assert.Equal("SUBMITTED", created.State);
        Assert.Equal("https://pay.klarna.com/l/ZjW2Xipgh0tjbrBGD7hzJM", created.StateContext?.CustomerInteraction?.PaymentRequestUrl);
        Assert.Equal("2025-02-26T17:25:34", created.ExpiresAt?.UtcDateTime.ToString("s", System.Globalization.CultureInfo.InvariantCulture));
        var sent = Assert.Single(upstream.Received("/v2/payment/requests"));
        Assert.Equal($"Basic {OutboundClientHost.KlarnaApiKey}", sent.Header("Authorization"));
        Assert.Equal("pr-key-1", sent.Header("Klarna-Idempotency-Key"));
        Assert.Equal("krn:network:session-token", sent.Header("Klarna-Network-Session-Token"));
        var json = sent.Json;
        Assert.Equal("USD", json["currency"]!.GetValue<string>());
        Assert.Equal(999, json["amount"]!.GetValue<long>());
        Assert.Equal("payment:customer_not_present", json["request_customer_token"]!["scopes"]![0]!.GetValue<string>());
        Assert.Equal("HANDOVER", json["customer_interaction_config"]!["method"]!.GetValue<string>());
        Assert.Equal("https://shop.example/checkout/return", json["customer_interaction_config"]!["return_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_returns_the_completed_request_with_the_session_and_customer_tokens()
    {
        upstream.Given(Request.Create().WithPath(RequestPath).UsingGet()).RespondWith(Reply.Json(200, Sample.Text(Sample.Seed000Completed)));

        var read = await WithClientAsync(c => c.GetAsync(RequestId, CancellationToken.None));

        Assert.Equal("COMPLETED", read?.State);
        Assert.Equal("krn:network:eu1:live:session-token:[...]", read?.StateContext?.KlarnaNetworkSessionToken);
        Assert.Equal("krn:customer-token:[...]", read?.StateContext?.KlarnaCustomer?.CustomerToken);
        var sent = Assert.Single(upstream.Received(RequestPath));
        Assert.Equal($"Basic {OutboundClientHost.KlarnaApiKey}", sent.Header("Authorization"));
    }

    [Fact]
    public async Task Read_of_a_request_Klarna_does_not_know_is_null()
    {
        upstream.Given(Request.Create().WithPath(RequestPath).UsingGet()).RespondWith(Reply.Json(404,
            """{"error_id":"e-1","error_type":"RESOURCE_ERROR","error_code":"NOT_FOUND","error_message":"Not found"}"""));

        var read = await WithClientAsync(c => c.GetAsync(RequestId, CancellationToken.None));

        Assert.Null(read);
    }

    [Fact]
    public async Task Cancel_deletes_the_request_and_reads_its_canceled_state()
    {
        var canceled = Sample.Json(Sample.Seed000Submitted);
        canceled["state"] = "CANCELED";
        upstream.Given(Request.Create().WithPath(RequestPath).UsingDelete()).RespondWith(Reply.Json(200, canceled.ToJsonString()));

        var read = await WithClientAsync(c => c.CancelAsync(RequestId, CancellationToken.None));

        Assert.Equal("CANCELED", read?.State);
        var sent = Assert.Single(upstream.Received(RequestPath));
        Assert.Equal("DELETE", sent.Method);
        Assert.Equal($"Basic {OutboundClientHost.KlarnaApiKey}", sent.Header("Authorization"));
    }

    [Fact]
    public async Task Cancel_of_a_final_request_surfaces_Klarnas_conflict()
    {
        upstream.Given(Request.Create().WithPath(RequestPath).UsingDelete()).RespondWith(Reply.Json(409,
            """{"error_id":"e-2","error_type":"INPUT_ERROR","error_code":"NOT_ALLOWED","error_message":"Payment request is COMPLETED"}"""));

        var failure = await Assert.ThrowsAsync<KlarnaApiException>(() => WithClientAsync(c => c.CancelAsync(RequestId, CancellationToken.None)));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, failure.StatusCode);
        Assert.Equal("NOT_ALLOWED", failure.Error?.ErrorCode);
    }

    [Fact]
    public async Task Cancel_carries_no_idempotency_key_Klarna_does_not_document_so_a_503_is_not_retried()
    {
        upstream.Given(Request.Create().WithPath(RequestPath).UsingDelete()).RespondWith(Reply.Status(503));

        var failure = await Assert.ThrowsAsync<KlarnaApiException>(() => WithClientAsync(c => c.CancelAsync(RequestId, CancellationToken.None)));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        var sent = Assert.Single(upstream.Received(RequestPath));
        Assert.Null(sent.Header("Klarna-Idempotency-Key"));
    }

    [Fact]
    public async Task Create_refused_with_validation_errors_surfaces_each_parameter_and_Klarnas_ids()
    {
        upstream.Given(Request.Create().WithPath("/v2/payment/requests").UsingPost()).RespondWith(Reply.Json(400,
            """
            {"error_id":"5c7a4a1e-0f57-4c7a-9f5e-1d2b3c4d5e6f","error_type":"INPUT_ERROR","error_code":"VALIDATION_ERROR",
             "error_message":"One or more input parameters failed validation",
             "validation_errors":[{"parameter":"supplementary_purchase_data.ondemand_service.purchase_interval","reason":"is required"}]}
            """,
            ("Klarna-Correlation-Id", "0b5d9f3e-4a1c-4e8b-9d2f-7a6c5b4e3d2c")));
        var body = new PaymentRequestBody { Currency = "USD", Amount = 500 };

        var failure = await Assert.ThrowsAsync<KlarnaApiException>(
            () => WithClientAsync(c => c.CreateAsync(body, "0f0f0f0f-1111-5222-8333-444455556666", null, CancellationToken.None)));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.Equal("5c7a4a1e-0f57-4c7a-9f5e-1d2b3c4d5e6f", failure.Error?.ErrorId);
        Assert.Equal("0b5d9f3e-4a1c-4e8b-9d2f-7a6c5b4e3d2c", failure.CorrelationId);
        Assert.Equal("supplementary_purchase_data.ondemand_service.purchase_interval", Assert.Single(failure.Error!.ValidationErrors!).Parameter);
        Assert.Contains("purchase_interval: is required", failure.OperatorSummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edge_refusal_without_a_body_is_still_a_Klarna_error()
    {
        upstream.Given(Request.Create().WithPath("/v2/payment/requests").UsingPost()).RespondWith(Reply.Status(403));

        var failure = await Assert.ThrowsAsync<KlarnaApiException>(
            () => WithClientAsync(c => c.CreateAsync(new PaymentRequestBody { Currency = "USD" }, "0f0f0f0f-1111-5222-8333-444455556666", null, CancellationToken.None)));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, failure.StatusCode);
        Assert.Null(failure.Error);
    }

    private async Task<T> WithClientAsync<T>(Func<KlarnaPaymentRequestsClient, Task<T>> call)
    {
        await using var services = OutboundClientHost.Create(upstream.BaseAddress);
        return await call(services.GetRequiredService<KlarnaPaymentRequestsClient>());
    }
}
