namespace Checkout.Integration.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Checkout.Web.Infrastructure;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Showing the checkout page writes nothing; the order is opened when the shopper starts to pay, once per key the
/// page carries, so crawlers, prefetch, reloads and double clicks leave no stray rows.
/// </summary>
public sealed partial class CheckoutKeyTests(CheckoutKeyTests.KlarnaCallsApp app) : IClassFixture<CheckoutKeyTests.KlarnaCallsApp>
{
    [Fact]
    public async Task Loading_the_checkout_page_a_thousand_times_writes_no_order()
    {
        using var fresh = new CheckoutAppFactory();
        using var http = fresh.CreateBrowserLikeClient();
        var keys = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var plan = i % 2 == 0 ? "premium-monthly" : "rides-on-demand";
            var page = await http.GetStringAsync($"checkout?plan={plan}", cancellationToken);
            keys.Add(CheckoutKey().Match(page).Groups[1].Value);
        });

        await using var scope = fresh.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Orders.CountAsync());
        Assert.Equal(1000, keys.Distinct().Count());
    }

    [Fact]
    public async Task A_second_click_on_the_same_page_reuses_its_order_and_Klarna_payment_request()
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var calls = app.KlarnaCreates;

        var first = await shopper.InitiateAsync();
        var second = await shopper.InitiateAsync();

        Assert.Equal(first.GetProperty("checkoutId").GetString(), second.GetProperty("checkoutId").GetString());
        Assert.Equal(first.GetProperty("paymentRequestId").GetString(), second.GetProperty("paymentRequestId").GetString());
        Assert.Equal(first.GetProperty("paymentRequestUrl").GetString(), second.GetProperty("paymentRequestUrl").GetString());
        Assert.Equal(calls + 1, app.KlarnaCreates);
        Assert.Equal(1, await OrdersUnderAsync(shopper.CheckoutKey));
    }

    [Fact]
    public async Task Two_clicks_at_once_on_the_same_page_open_one_order_with_one_payment_request()
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("rides-on-demand");
        var body = await shopper.PaymentRequestBodyAsync();

        var answers = await Task.WhenAll(shopper.PostPaymentRequestAsync(body), shopper.PostPaymentRequestAsync(body));

        var started = new List<JsonElement>();
        foreach (var answer in answers)
        {
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
            started.Add(await answer.Content.ReadFromJsonAsync<JsonElement>());
        }
        Assert.Single(started.Select(a => a.GetProperty("checkoutId").GetString()).Distinct());
        Assert.Single(started.Select(a => a.GetProperty("paymentRequestId").GetString()).Distinct());
        Assert.Equal(1, await OrdersUnderAsync(shopper.CheckoutKey));
    }

    [Fact]
    public async Task A_checkout_key_reused_for_another_plan_is_a_conflict_and_opens_nothing()
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        await shopper.InitiateAsync();

        var answer = await shopper.PostPaymentRequestAsync(new
        {
            checkoutKey = shopper.CheckoutKey,
            planId = "rides-on-demand",
            klarnaNetworkSessionToken = await shopper.SdkSessionTokenAsync(),
            paymentOptionId = "S0xBUk5BX0RFRkFVTFQ=",
        });

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("another plan", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await OrdersUnderAsync(shopper.CheckoutKey));
    }

    [Theory]
    [InlineData("checkoutKey", null, "premium-monthly")]
    [InlineData("checkoutKey", "not-a-key", "premium-monthly")]
    [InlineData("checkoutKey", "00000000-0000-0000-0000-000000000000", "premium-monthly")]
    [InlineData("planId", "page", null)]
    [InlineData("planId", "page", "gold")]
    public async Task A_start_without_a_valid_key_or_plan_is_refused_naming_the_field(string field, string? key, string? plan)
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var orders = await OrdersAsync();

        var answer = await shopper.PostPaymentRequestAsync(new
        {
            checkoutKey = key == "page" ? shopper.CheckoutKey : key,
            planId = plan,
            klarnaNetworkSessionToken = "tok",
            paymentOptionId = "S0xBUk5BX0RFRkFVTFQ=",
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Reload the checkout page", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(orders, await OrdersAsync());
    }

    private async Task<int> OrdersUnderAsync(string checkoutKey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var key = Guid.Parse(checkoutKey);
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Orders.CountAsync(o => o.CheckoutKey == key);
    }

    private async Task<int> OrdersAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Orders.CountAsync();
    }

    [GeneratedRegex("data-checkout-key=\"([^\"]+)\"")]
    private static partial Regex CheckoutKey();

    /// <summary>The app, counting the payment requests it asks Klarna to create.</summary>
    public sealed class KlarnaCallsApp : CheckoutAppFactory
    {
        private readonly Counter _creates;

        public KlarnaCallsApp()
            : this(new Counter())
        {
        }

        private KlarnaCallsApp(Counter creates)
            : base(null, 0, new Dictionary<string, string?> { ["RateLimits:PaymentsPerMinute"] = "100000" }, services =>
                services.AddHttpClient(OutboundClients.Klarna).AddHttpMessageHandler(() => new CountingHandler(creates)), null) =>
            _creates = creates;

        public int KlarnaCreates => Volatile.Read(ref _creates.Value);

        private sealed class Counter
        {
            public int Value;
        }

        private sealed class CountingHandler(Counter creates) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/v2/payment/requests", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref creates.Value);
                }
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
