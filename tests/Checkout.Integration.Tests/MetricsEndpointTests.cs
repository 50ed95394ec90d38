namespace Checkout.Integration.Tests;

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

/// <summary><c>/metrics</c> is off unless configured, and then answers only callers on the machine or an allowed network.</summary>
public sealed class MetricsEndpointTests
{
    private static readonly Dictionary<string, string?> Enabled = new() { ["Telemetry:Prometheus:Enabled"] = "true" };

    [Fact]
    public async Task Metrics_are_not_served_unless_configured()
    {
        var app = SharedApp.Default.App;
        using var http = app.CreateBrowserLikeClient();

        var response = await http.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task When_enabled_a_local_scraper_reads_the_funnel_in_Prometheus_text()
    {
        var app = SharedApp.For(Enabled).App;
        await Shopper.Start(app).OpenCheckoutAsync("premium-monthly");
        using var http = app.CreateBrowserLikeClient();

        var response = await http.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        // The SDK listens to every meter of this name in the process, so other tests' hosts may add to the count.
        Assert.Matches(@"(?m)^checkout_opened_total\{[^}]*checkout_plan=""premium-monthly""[^}]*\} [1-9]\d*( |$)", text);
        Assert.Matches(@"(?m)^checkout_worker_backlog(\{[^}]*\})? \d+( |$)", text);
    }

    [Fact]
    public async Task A_request_relayed_by_a_proxy_is_not_answered_even_from_loopback()
    {
        var app = SharedApp.For(Enabled).App;
        using var http = app.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Add("X-Forwarded-For", "198.51.100.23");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_caller_from_another_network_is_not_answered()
    {
        using var app = CheckoutAppFactory.With(null, 0, Enabled, s => s.AddTransient<IStartupFilter>(_ => new CallerAddress("203.0.113.7")));
        using var http = app.CreateBrowserLikeClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task A_caller_from_an_allowed_network_is_answered()
    {
        var settings = new Dictionary<string, string?>(Enabled) { ["Telemetry:Prometheus:AllowedNetworks:0"] = "203.0.113.0/24" };
        using var app = CheckoutAppFactory.With(null, 0, settings, s => s.AddTransient<IStartupFilter>(_ => new CallerAddress("203.0.113.7")));
        using var http = app.CreateBrowserLikeClient();

        var response = await http.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("checkout_worker_backlog", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Makes every request look as if it came from <paramref name="address"/>, before the app sees it.</summary>
    private sealed class CallerAddress(string address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
