namespace Checkout.Integration.Tests;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Checkout.Web.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

/// <summary>OTLP export follows the standard variable: on when it is set, and nothing recorded when it is not.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task With_OTEL_EXPORTER_OTLP_ENDPOINT_set_the_checkouts_spans_and_funnel_reach_the_collector()
    {
        var received = new ConcurrentQueue<(string Signal, string Body)>();
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            // Protobuf keeps strings as UTF-8 bytes: enough to find a tag value or a metric name.
            received.Enqueue((signal, Encoding.UTF8.GetString(body.ToArray())));
            return Results.Ok();
        });
        await collector.StartAsync();
        using var app = CheckoutAppFactory.With(
            null,
            0,
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            },
            null);
        var shopper = Shopper.Start(app);

        await shopper.OpenCheckoutAsync("premium-monthly");
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        Assert.Contains(received, r => r.Signal == "traces" && r.Body.Contains(shopper.CheckoutId, StringComparison.Ordinal));
        Assert.Contains(received, r => r.Signal == "metrics" && r.Body.Contains("checkout.opened", StringComparison.Ordinal));
    }

    [Fact]
    public void The_service_is_named_checkout_unless_OTEL_SERVICE_NAME_names_it()
    {
        Assert.Equal("checkout", ServiceName(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" }));
        Assert.Equal("checkout-eu", ServiceName(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["OTEL_SERVICE_NAME"] = "checkout-eu",
        }));
    }

    private static object? ServiceName(Dictionary<string, string?> settings)
    {
        using var app = CheckoutAppFactory.With(null, 0, settings, null);
        app.EnsureStarted();
        return app.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.Single(a => a.Key == "service.name").Value;
    }

    [Fact]
    public void Without_an_exporter_the_app_records_no_traces_and_tags_nothing()
    {
        var app = SharedApp.Default.App;

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        // What ASP.NET Core makes per request for its log scopes when nothing listens.
        using var unrecorded = new Activity("Microsoft.AspNetCore.Hosting.HttpRequestIn").Start();
        unrecorded.TagOrder(Guid.NewGuid());
        unrecorded.TagIfRecorded(CheckoutTelemetry.CorrelationIdTag, "corr-1");
        Assert.Empty(unrecorded.TagObjects);
    }
}
