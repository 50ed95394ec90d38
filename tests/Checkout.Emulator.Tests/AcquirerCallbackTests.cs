using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

public sealed class AcquirerCallbackTests
{
    [Fact]
    public async Task Status_change_is_posted_signed_and_retried_after_a_500()
    {
        await using var host = await SandboxHost.StartAsync();
        host.CallbackStatus = attempt => attempt == 1 ? 500 : 200;
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));

        await host.JourneyAsync(payment);
        var callbacks = await AcquirerRequests.EventuallyAsync(() => host.Callbacks.ToArray(), received => received.Length >= 2);

        Assert.Equal(callbacks[0].Body, callbacks[1].Body);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(host.AcquirerWebhookSecret), callbacks[1].Body));
        Assert.Equal(expected, callbacks[1].Signature);
        var body = callbacks[1].Json;
        Assert.StartsWith("evt_", body.Text("event_id"), StringComparison.Ordinal);
        var (_, read) = await host.GetPaymentAsync(payment.PaymentId());
        body.Remove("event_id");
        Assert.True(JsonNode.DeepEquals(read, body), $"{read} vs {body}");
        Assert.Equal("completed", body.Text("status"));
    }

    [Fact]
    public async Task Duplicate_and_concurrent_klarna_webhooks_finalize_once()
    {
        await using var host = await SandboxHost.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.KlarnaTraffic.FinalizationGate = gate;
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));
        await host.JourneyAsync(payment);
        var completed = await CompletedWebhookAsync(host, payment.PaymentRequestId());

        // Klarna's own delivery is finalizing and held at the gate while copies of its event arrive at once.
        await AcquirerRequests.EventuallyAsync(() => host.KlarnaTraffic.FinalizationsStarted, started => started >= 1);
        var duringFinalization = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostToAcquirerAsync(host, completed, sign: true)));
        gate.SetResult();
        var final = await host.WaitForFinalStatusAsync(payment.PaymentId());
        var afterwards = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostToAcquirerAsync(host, completed, sign: true)));
        var callbacks = await AcquirerRequests.EventuallyAsync(() => host.Callbacks.ToArray(), received => received.Length >= 1);

        Assert.All(duringFinalization.Concat(afterwards), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal("completed", final.Text("status"));
        Assert.Equal(1, host.KlarnaTraffic.FinalizationsStarted);
        Assert.Single(host.KlarnaTraffic.Authorizations, exchange => exchange.IsFinalization);
        Assert.Equal("completed", Assert.Single(callbacks).Json.Text("status"));
    }

    [Fact]
    public async Task Klarna_webhook_with_a_wrong_signature_is_rejected()
    {
        await using var host = await SandboxHost.StartAsync();
        var payment = await host.OpenPaymentAsync(AcquirerRequests.Subscription(amount: 999));
        await host.JourneyAsync(payment, "decline");
        var declined = await host.WaitForFinalStatusAsync(payment.PaymentId());

        var status = await PostToAcquirerAsync(host, new JsonObject { ["payload"] = new JsonObject() }, sign: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("DECLINED", declined.Text("failure_reason"));
    }

    /// <summary>The completed event as Klarna sends it, built from the request read with the acquirer's Klarna key.</summary>
    private static async Task<JsonObject> CompletedWebhookAsync(SandboxHost host, string paymentRequestId)
    {
        var (status, request) = await host.SendAsync(host.Klarna(
            HttpMethod.Get, $"/v2/payment/requests/{Uri.EscapeDataString(paymentRequestId)}", apiKey: host.AcquirerKlarnaApiKey));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("COMPLETED", request.State());
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["event_type"] = "payment.request.state-change.completed",
                ["event_id"] = Guid.NewGuid().ToString(),
                ["event_version"] = "v2",
            },
            ["payload"] = request,
        };
    }

    private static async Task<HttpStatusCode> PostToAcquirerAsync(SandboxHost host, JsonObject envelope, bool sign)
    {
        var body = Encoding.UTF8.GetBytes(envelope.ToJsonString());
        var (keyId, secret) = host.SigningKey;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/acquirer/klarna-webhooks") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Klarna-Signing-Key-Id", keyId);
        request.Headers.Add("Klarna-Signature", sign ? Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)) : "00");
        using var response = await host.Client.SendAsync(request);
        return response.StatusCode;
    }
}
