namespace Checkout.Emulator.Tests;

/// <summary>klarna_network_response_data, character for character in the shape of the partner-facing samples.</summary>
public sealed class NetworkResponseDataTests
{
    /// <summary>Seed 002, "open" sample (the JSON string's value, unescaped).</summary>
    private const string StepUpSample =
        """{"content_type":"vnd.klarna.network-data.v2+json","content":{"operation":"payment_request","response":{"result":"STEP_UP_REQUIRED","payment_request":{"payment_request_id":"krn:payment:us1:request:10b51071-[...]","payment_request_url":"https://pay.test.klarna.com/na/requests/aeba9923-[...]/start"}}}}""";

    /// <summary>Seed 002, "completed" sample.</summary>
    private const string ApprovedSample =
        """{"content_type":"vnd.klarna.network-data.v2+json","content":{"operation":"payment_request","response":{"result":"APPROVED","payment_transaction":{"payment_transaction_id":"krn:payment:us1:transaction:5cb3e0e5-a6f0-[...]"}}}}""";

    [Fact]
    public async Task Step_up_answer_is_seed_002s_sample_with_this_payment_requests_id_and_url()
    {
        await using var host = await SandboxHost.StartAsync();

        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 17800));

        var klarna = Assert.Single(host.KlarnaTraffic.Authorizations).Response["payment_request"]!;
        var expected = StepUpSample
            .Replace("krn:payment:us1:request:10b51071-[...]", klarna.Text("payment_request_id"), StringComparison.Ordinal)
            .Replace("https://pay.test.klarna.com/na/requests/aeba9923-[...]/start",
                klarna["state_context"]!["customer_interaction"]!.Text("payment_request_url"), StringComparison.Ordinal);
        Assert.Equal(expected, payment["additional_data"]!.Text("klarna_network_response_data"));
        Assert.Equal(klarna["state_context"]!["customer_interaction"]!.Text("payment_request_url"), payment.Text("url"));
    }

    [Fact]
    public async Task Approved_answer_is_seed_002s_sample_with_this_transaction_id()
    {
        await using var host = await SandboxHost.StartAsync();
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));

        await host.JourneyAsync(payment);
        var completed = await host.WaitForFinalStatusAsync(payment.PaymentId());

        var expected = ApprovedSample.Replace(
            "krn:payment:us1:transaction:5cb3e0e5-a6f0-[...]", completed.Text("payment_transaction_id"), StringComparison.Ordinal);
        Assert.Equal("completed", completed.Text("status"));
        Assert.Equal(expected, completed["additional_data"]!.Text("klarna_network_response_data"));
    }

    [Fact]
    public async Task Token_only_step_up_answer_has_the_customer_tokens_result_and_no_token()
    {
        await using var host = await SandboxHost.StartAsync();

        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: null));

        var response = payment.NetworkResponse()["content"]!["response"]!.AsObject();
        Assert.Equal("STEP_UP_REQUIRED", response.Text("result"));
        Assert.Equal(["result", "payment_request"], response.Select(property => property.Key));
        Assert.Equal(payment.Text("url"), response["payment_request"]!.Text("payment_request_url"));
    }
}
