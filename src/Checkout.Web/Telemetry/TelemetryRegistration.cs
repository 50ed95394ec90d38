namespace Checkout.Web.Telemetry;

using System.Net;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Subscriptions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

/// <summary>OpenTelemetry traces and metrics: OTLP when its endpoint is set, <c>/metrics</c> when enabled.</summary>
public static class TelemetryRegistration
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddCheckoutTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CheckoutMetrics>();
        services.AddOptions<TelemetrySettings>().BindConfiguration(TelemetrySettings.Section)
            .Validate(
                s => s.Prometheus.AllowedNetworks.All(n => IPNetwork.TryParse(n, out _)),
                "Telemetry:Prometheus:AllowedNetworks must list networks in CIDR form, such as 10.0.0.0/8.")
            .ValidateOnStart();

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = builder.Configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>()?.Prometheus.Enabled == true;
        if (!otlp && !prometheus)
        {
            // Nothing exports: no instrumentation either, so requests pay for none of it.
            return builder;
        }

        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddCheckoutInstrumentation());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter(CheckoutTelemetry.Name)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation());

        // "checkout" unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say otherwise: the detector runs last and wins.
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("checkout").AddEnvironmentVariableDetector());
        if (otlp)
        {
            // Traces, metrics and the log events Serilog forwards, to the collector the standard variables name.
            telemetry.WithTracing().WithMetrics().UseOtlpExporter();
        }
        if (prometheus)
        {
            telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
        }
        return builder;
    }

    /// <summary>The spans to record: the app's own, and ASP.NET Core's and HttpClient's with Klarna's correlation id.</summary>
    public static TracerProviderBuilder AddCheckoutInstrumentation(this TracerProviderBuilder tracing) => tracing
        .AddSource(CheckoutTelemetry.Name)
        .AddAspNetCoreInstrumentation(o =>
        {
            o.Filter = context => !IsScrapeOrProbe(context.Request.Path);
            // The shopper's link is their access to their subscription: its token never reaches a trace.
            o.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.path", ShopperLinks.Redact(request.Path.Value ?? ""));
        })
        .AddHttpClientInstrumentation(o => o.EnrichWithHttpResponseMessage = TagKlarnaCorrelationId);

    /// <summary>The app's instruments, created now; <c>/metrics</c> when enabled, for direct callers from loopback or an allowed network; others get 404.</summary>
    public static IApplicationBuilder UseCheckoutMetricsEndpoint(this IApplicationBuilder app)
    {
        // The app's instruments exist from the start, not from the first request that needs one: the first scrape or
        // export already has the worker's backlog.
        app.ApplicationServices.GetRequiredService<CheckoutMetrics>();
        var settings = app.ApplicationServices.GetRequiredService<IOptions<TelemetrySettings>>().Value.Prometheus;
        if (!settings.Enabled)
        {
            return app;
        }
        var allowed = settings.AllowedNetworks.Select(n => IPNetwork.Parse(n)).ToArray();
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            context => context.Request.Path == MetricsPath && MayScrape(context, allowed));
    }

    private static bool MayScrape(HttpContext context, IPNetwork[] allowed)
    {
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded"))
        {
            return false;
        }
        var caller = context.Connection.RemoteIpAddress;
        if (caller is null)
        {
            return false;
        }
        if (caller.IsIPv4MappedToIPv6)
        {
            caller = caller.MapToIPv4();
        }
        return IPAddress.IsLoopback(caller) || allowed.Any(network => network.Contains(caller));
    }

    private static bool IsScrapeOrProbe(PathString path) => path == MetricsPath || path == "/healthz";

    private static void TagKlarnaCorrelationId(System.Diagnostics.Activity activity, HttpResponseMessage response)
    {
        foreach (var header in KlarnaErrorReader.CorrelationIdHeaders)
        {
            if (response.Headers.TryGetValues(header, out var values))
            {
                activity.SetTag(CheckoutTelemetry.CorrelationIdTag, values.FirstOrDefault());
                return;
            }
        }
    }
}
