namespace Storefront;

using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

/// <summary>Traces, metrics and logs to the OTLP collector <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names (the AppHost's dashboard); nothing without it.</summary>
public static class StoreTelemetry
{
    public static WebApplicationBuilder AddStoreTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("storefront").AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != "/healthz")
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logging => logging.IncludeFormattedMessage = true)
            .UseOtlpExporter();
        return builder;
    }
}
