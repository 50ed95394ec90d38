namespace Checkout.Integration.Tests;

using System.Net;
using Checkout.Web.Subscriptions;
using Checkout.Web.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

/// <summary>The shopper's link is their access to their subscription: its token appears in no log line and no span.</summary>
public sealed class ShopperLinkRedactionTests
{
    [Theory]
    [InlineData("/subscription/CfDJ8abc", "/subscription/{token}")]
    [InlineData("/subscription/CfDJ8abc/cancel", "/subscription/{token}/cancel")]
    [InlineData("/checkout/confirmation", "/checkout/confirmation")]
    [InlineData("/subscriptions", "/subscriptions")]
    public void The_token_is_replaced_in_a_path(string path, string redacted) => Assert.Equal(redacted, ShopperLinks.Redact(path));

    [Fact]
    public async Task Requests_for_the_shoppers_page_log_and_trace_no_token()
    {
        var logs = new CapturedLogs();
        var spans = new SpanCollector();
        // The framework's own request lines too, as an operator who turns them on would see them.
        using var app = CheckoutAppFactory.With(null, 0, new Dictionary<string, string?> { ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Information" }, s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.AddOpenTelemetry().WithTracing(t => t.AddCheckoutInstrumentation().AddProcessor(spans));
        });
        using var browser = app.CreateBrowserLikeClient();
        app.EnsureStarted();
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<ShopperLinks>().IssueAsync(Guid.NewGuid(), null, CancellationToken.None)).Path["/subscription/".Length..];
        }

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"subscription/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync($"subscription/{token}/cancel", new FormUrlEncodedContent([]))).StatusCode);

        await spans.WaitForAsync("the cancel", s => s.Kind == System.Diagnostics.ActivityKind.Server && s.DisplayName.StartsWith("POST", StringComparison.Ordinal));
        await Eventually.HoldsAsync("the cancel's request log line", () => logs.Lines.Any(l => l.Contains("RequestPath=/subscription/{token}/cancel", StringComparison.Ordinal)));
        Assert.Contains(logs.Lines, l => l.Contains("RequestMethod=GET RequestPath=/subscription/{token} StatusCode=404", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("RequestMethod=POST RequestPath=/subscription/{token}/cancel StatusCode=400", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/subscription/{token}", StringComparison.Ordinal));
        var leaked = logs.Lines.Where(l => l.Contains(token, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, string.Join(Environment.NewLine, leaked));
        // The app's own spans; the test's HttpClient spans (its side, in this process) know the URL they called.
        Assert.DoesNotContain(spans.Spans.Where(s => s.Kind == System.Diagnostics.ActivityKind.Server), s => s.TagObjects.Any(t => t.Value?.ToString()?.Contains(token, StringComparison.Ordinal) == true)
            || s.DisplayName.Contains(token, StringComparison.Ordinal));
    }
}
