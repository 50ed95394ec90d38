namespace Checkout.Integration.Tests;

using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Checkout.Domain.Orders;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The checkout funnel, by plan, as an operator's dashboard reads it; and the worker's backlog.</summary>
public sealed class FunnelMetricsTests
{
    [Fact]
    public async Task Each_step_of_a_checkout_is_counted_once_under_its_plan()
    {
        using var app = new CheckoutAppFactory();
        app.EnsureStarted();
        using var metrics = new MetricsRecorder(app.Services.GetRequiredService<IMeterFactory>());

        await CheckOutAsync(app, "premium-monthly", OrderStatus.Completed);
        await CheckOutAsync(app, CheckoutAppFactory.DeclinedPlanId, OrderStatus.PaymentDeclined);
        await CheckOutAsync(app, "rides-on-demand", OrderStatus.KlarnaDeclined, "customer+us+denied@klarna.com");
        await Shopper.Start(app).OpenCheckoutAsync("family-trial");

        string[] plans = ["premium-monthly", CheckoutAppFactory.DeclinedPlanId, "rides-on-demand", "family-trial"];
        long[][] expected =
        [
            // opened, created, completed, authorized, declined by Klarna, declined by the acquirer
            [1, 1, 1, 1, 0, 0],
            [1, 1, 1, 0, 0, 1],
            [1, 1, 0, 0, 1, 0],
            [1, 0, 0, 0, 0, 0],
        ];
        long[][] Actual() => [.. plans.Select(plan => new[]
        {
            metrics.Count("checkout.opened", plan),
            metrics.Count("checkout.payment_requests.created", plan),
            metrics.Count("checkout.completed", plan),
            metrics.Count("checkout.authorized", plan),
            metrics.Count("checkout.declined", plan, "klarna"),
            metrics.Count("checkout.declined", plan, "acquirer"),
        })];
        await MetricsRecorder.WaitForAsync(() => Actual().Zip(expected).All(p => p.First.SequenceEqual(p.Second)));

        Assert.Equal(expected, Actual());
        Assert.NotEmpty(metrics.Lags);
        Assert.All(metrics.Lags, lag => Assert.InRange(lag, 0, 30));
    }

    [Fact]
    public async Task The_backlog_gauge_counts_the_events_still_waiting_for_the_worker()
    {
        using var app = new CheckoutAppFactory();
        app.EnsureStarted();
        using var metrics = new MetricsRecorder(app.Services.GetRequiredService<IMeterFactory>());
        Assert.Equal(0, metrics.Backlog());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            var later = DateTimeOffset.UtcNow.AddHours(1);
            db.WebhookEvents.AddRange(
                new WebhookEventRecord { EventId = "waiting-1", EventType = "test", ProtectedBody = "x", ReceivedAt = DateTimeOffset.UtcNow, NextAttemptAt = later },
                new WebhookEventRecord { EventId = "waiting-2", EventType = "test", ProtectedBody = "x", ReceivedAt = DateTimeOffset.UtcNow, NextAttemptAt = later },
                new WebhookEventRecord
                {
                    EventId = "done", EventType = "test", ProtectedBody = "x", ReceivedAt = DateTimeOffset.UtcNow, NextAttemptAt = later,
                    ProcessedAt = DateTimeOffset.UtcNow,
                });
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, metrics.Backlog());
    }

    [Fact]
    public async Task Klarna_selected_is_counted_under_the_plan_the_server_knows_and_stores_nothing()
    {
        using var app = new CheckoutAppFactory();
        using var http = app.CreateBrowserLikeClient();
        var shopper = new Shopper(app, http);
        await shopper.OpenCheckoutAsync("premium-monthly");
        using var metrics = new MetricsRecorder(app.Services.GetRequiredService<IMeterFactory>());
        var ordersBefore = await CountOrdersAsync(app);

        // The page's order opens only when the shopper starts to pay: the page reports its own plan, which the catalog vouches for.
        var selected = await ReportKlarnaSelectedAsync(http, shopper.Csrf, new { checkoutKey = shopper.CheckoutKey, planId = shopper.Data("plan-id") });
        var other = await ReportKlarnaSelectedAsync(http, shopper.Csrf, new { checkoutKey = Guid.NewGuid(), planId = "family-trial" });

        Assert.Equal(HttpStatusCode.NoContent, selected.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, other.StatusCode);
        Assert.Equal(1, metrics.Count("checkout.klarna_selected", "premium-monthly"));
        Assert.Equal(1, metrics.Count("checkout.klarna_selected", "family-trial"));
        Assert.Equal(ordersBefore, await CountOrdersAsync(app));
    }

    [Fact]
    public async Task Klarna_selected_with_a_plan_the_server_does_not_vouch_for_or_without_the_pages_token_is_refused_and_not_counted()
    {
        using var app = new CheckoutAppFactory();
        using var http = app.CreateBrowserLikeClient();
        var shopper = new Shopper(app, http);
        await shopper.OpenCheckoutAsync("premium-monthly");
        await shopper.InitiateAsync();
        using var metrics = new MetricsRecorder(app.Services.GetRequiredService<IMeterFactory>());

        // The key has opened a premium-monthly order: another plan is not this checkout's.
        (object? Body, string? Csrf)[] refused =
        [
            (new { checkoutKey = shopper.CheckoutKey, planId = "free-forever" }, shopper.Csrf),
            (new { checkoutKey = shopper.CheckoutKey, planId = "family-trial" }, shopper.Csrf),
            (new { checkoutKey = shopper.CheckoutKey }, shopper.Csrf),
            (new { planId = "premium-monthly" }, shopper.Csrf),
            (new { checkoutKey = "not-a-guid", planId = "premium-monthly" }, shopper.Csrf),
            (null, shopper.Csrf),
            (new { checkoutKey = shopper.CheckoutKey, planId = "premium-monthly" }, null),
        ];
        foreach (var (body, csrf) in refused)
        {
            var response = await ReportKlarnaSelectedAsync(http, csrf, body);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        foreach (var plan in new[] { "premium-monthly", "family-trial", "free-forever" })
        {
            Assert.Equal(0, metrics.Count("checkout.klarna_selected", plan));
        }
    }

    private static async Task<HttpResponseMessage> ReportKlarnaSelectedAsync(HttpClient http, string? csrf, object? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/checkout-events/klarna-selected")
        {
            Content = body is null ? new StringContent("", null, "application/json") : JsonContent.Create(body),
        };
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrf);
        }
        return await http.SendAsync(request);
    }

    private static async Task<int> CountOrdersAsync(CheckoutAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Orders.CountAsync();
    }

    private static async Task CheckOutAsync(CheckoutAppFactory app, string plan, OrderStatus final, string email = "customer+us@klarna.com")
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync(plan);
        var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
        await shopper.SimulateJourneyAsync(paymentRequestId, "approve", email);
        // Polls as the return page does: the webhook and Klarna's read of the request race to apply the result.
        var status = await shopper.WaitForFinalStatusAsync();
        Assert.Equal(final.ToString(), status.GetProperty("status").GetString());
    }
}
