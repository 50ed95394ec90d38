namespace Checkout.Integration.Tests;

using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>One log line per request, with what an operator needs to find the order and Klarna's side of it.</summary>
public sealed class RequestLoggingTests
{
    [Fact]
    public async Task Each_request_is_one_line_with_its_status_time_order_and_Klarnas_correlation_id()
    {
        var logs = new CapturedLogs();
        using var app = CheckoutAppFactory.With(null, 0, null, s => s.AddSingleton<ILoggerProvider>(logs));
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
        var webhooks = new KlarnaWebhooks(app);
        var envelope = JsonNode.Parse(await webhooks.EnvelopeFromKlarnaAsync(paymentRequestId, "payment.request.state-change.in-progress"))!;
        envelope["metadata"]!["correlation_id"] = "corr-4711";
        (await webhooks.SendAsync(envelope.ToJsonString())).EnsureSuccessStatusCode();

        // The line is written once the response has gone out, so it may trail the answer a little.
        var lines = await RequestLinesAsync(logs, expected: "RequestPath=/api/webhooks/klarna");
        var created = Assert.Single(lines, l => l.Contains("RequestMethod=POST RequestPath=/api/payment-request StatusCode=200", StringComparison.Ordinal));
        Assert.Contains($"OrderId={shopper.CheckoutId}", created, StringComparison.Ordinal);
        Assert.Matches(@"Elapsed=\d", created);
        var webhook = Assert.Single(lines, l => l.Contains("RequestMethod=POST RequestPath=/api/webhooks/klarna StatusCode=200", StringComparison.Ordinal));
        Assert.Contains("KlarnaCorrelationId=corr-4711", webhook, StringComparison.Ordinal);
        Assert.Contains($"OrderId={shopper.CheckoutId}", webhook, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("RequestMethod=GET RequestPath=/checkout StatusCode=200", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("?plan=", StringComparison.Ordinal));
    }

    private static Task<List<string>> RequestLinesAsync(CapturedLogs logs, string expected) => Eventually.MatchesAsync(
        $"a request log line with {expected}",
        () => logs.Lines.Where(l => l.Contains("RequestLoggingMiddleware", StringComparison.Ordinal)).ToList(),
        lines => lines.Any(l => l.Contains(expected, StringComparison.Ordinal)));
}
