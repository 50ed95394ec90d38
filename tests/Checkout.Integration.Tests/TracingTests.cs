namespace Checkout.Integration.Tests;

using System.Diagnostics;
using System.Text;
using Checkout.Domain.Orders;
using Checkout.Web.Authorization;
using Checkout.Web.Completion;
using Checkout.Web.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

/// <summary>One checkout's spans, from the page to the acquirer, carry what an operator searches by.</summary>
public sealed class TracingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task One_checkout_leaves_linked_spans_from_the_page_to_the_acquirer_call()
    {
        var collector = new SpanCollector();
        // The emulator runs in this process: its own source too, as its telemetry adds it in a process of its own.
        using var app = CheckoutAppFactory.With(
            null, 0, null, s => s.AddOpenTelemetry().WithTracing(t => t.AddCheckoutInstrumentation().AddSource("Checkout.Sandbox").AddProcessor(collector)));
        var shopper = Shopper.Start(app);

        await shopper.OpenCheckoutAsync("premium-monthly");
        var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
        var orderId = shopper.CheckoutId;

        var page = await collector.WaitForAsync("the page", s => IsServer(s, "GET", "/checkout") && Tag(s, CheckoutTelemetry.CheckoutKeyTag) == shopper.CheckoutKey);
        Assert.Equal("premium-monthly", Tag(page, CheckoutTelemetry.PlanTag));

        var created = await collector.WaitForAsync("the payment request", s => IsServer(s, "POST", "/api/payment-request") && Tag(s, CheckoutTelemetry.OrderIdTag) == orderId);
        Assert.Equal("premium-monthly", Tag(created, CheckoutTelemetry.PlanTag));
        Assert.Equal(shopper.CheckoutKey, Tag(created, CheckoutTelemetry.CheckoutKeyTag));
        Assert.Equal(paymentRequestId, Tag(created, CheckoutTelemetry.PaymentRequestIdTag));
        // The page carries its span's traceparent and its script sends it: the payment request continues the page's trace.
        Assert.Equal($"00-{page.TraceId}-{page.SpanId}-01", shopper.Data("traceparent"));
        Assert.Equal(page.TraceId, created.TraceId);
        var klarnaCall = await collector.WaitForAsync(
            "the call to Klarna", s => IsClient(s, "POST", "/v2/payment/requests") && collector.IsBelow(s, created));
        Assert.Equal(created.TraceId, klarnaCall.TraceId);

        var webhook = await collector.WaitForAsync("the webhook", s => IsServer(s, "POST", "/api/webhooks/klarna") && Tag(s, CheckoutTelemetry.OrderIdTag) == orderId);
        // Klarna's (the emulator's) webhook continues the trace of the call that created the payment request.
        Assert.Equal(page.TraceId, webhook.TraceId);
        var correlationId = Tag(webhook, CheckoutTelemetry.CorrelationIdTag);
        Assert.False(string.IsNullOrEmpty(correlationId));
        Assert.Equal(paymentRequestId, Tag(webhook, CheckoutTelemetry.PaymentRequestIdTag));

        var processing = await collector.WaitForAsync("the worker's processing", s => s.DisplayName == "checkout.webhook.process" && Tag(s, CheckoutTelemetry.OrderIdTag) == orderId);
        Assert.Equal(correlationId, Tag(processing, CheckoutTelemetry.CorrelationIdTag));
        Assert.Equal(Tag(webhook, CheckoutTelemetry.EventIdTag), Tag(processing, CheckoutTelemetry.EventIdTag));
        Assert.Equal("premium-monthly", Tag(processing, CheckoutTelemetry.PlanTag));
        Assert.Equal(ActivityKind.Consumer, processing.Kind);
        // Its own trace, linked to the delivery that stored the event.
        Assert.NotEqual(webhook.TraceId, processing.TraceId);
        var link = Assert.Single(processing.Links);
        Assert.Equal((webhook.TraceId, webhook.SpanId), (link.Context.TraceId, link.Context.SpanId));

        var authorization = await collector.WaitForAsync("the first charge", s => s.DisplayName == "checkout.first_charge.authorize" && Tag(s, CheckoutTelemetry.OrderIdTag) == orderId);
        Assert.Equal(processing.SpanId, authorization.ParentSpanId);
        Assert.Equal("Approved", Tag(authorization, FirstChargeAuthorizer.StatusTag));
        var acquirerCall = await collector.WaitForAsync("the call to the acquirer", s => s.Kind == ActivityKind.Client && collector.IsBelow(s, authorization));
        Assert.Equal("POST", Tag(acquirerCall, "http.request.method"));

        await app.WaitForAsync(async db => await db.Orders.AnyAsync(o => o.Id == Guid.Parse(orderId) && o.Status == OrderStatus.Completed));
        output.WriteLine(Tree(collector, [page, created, webhook, processing]));
    }

    private static bool IsServer(Activity span, string method, string path) =>
        span.Kind == ActivityKind.Server && Tag(span, "http.request.method") == method && Tag(span, "url.path") == path;

    private static bool IsClient(Activity span, string method, string pathPart) =>
        span.Kind == ActivityKind.Client && Tag(span, "http.request.method") == method
        && (Tag(span, "url.full") ?? "").Contains(pathPart, StringComparison.Ordinal);

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    /// <summary>The span trees of the given roots' traces, indented, with each span's tags: what docs/operations.md shows.</summary>
    private static string Tree(SpanCollector collector, Activity[] anchors)
    {
        var spans = collector.Spans.ToArray();
        var text = new StringBuilder();
        foreach (var traceId in anchors.Select(a => a.TraceId).Distinct())
        {
            var trace = spans.Where(s => s.TraceId == traceId).ToArray();
            var ids = trace.Select(s => s.SpanId).ToHashSet();
            foreach (var root in trace.Where(s => !ids.Contains(s.ParentSpanId)).OrderBy(s => s.StartTimeUtc))
            {
                Write(root, 0);
            }
            text.AppendLine();

            void Write(Activity span, int depth)
            {
                var tags = string.Join(' ', span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
                text.Append(' ', depth * 2).Append(span.DisplayName).Append(" [").Append(span.Kind).Append(", ")
                    .Append(span.Duration.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)).Append(" ms] ")
                    .AppendLine(tags);
                foreach (var child in trace.Where(s => s.ParentSpanId == span.SpanId).OrderBy(s => s.StartTimeUtc))
                {
                    Write(child, depth + 1);
                }
            }
        }
        return text.ToString();
    }
}
