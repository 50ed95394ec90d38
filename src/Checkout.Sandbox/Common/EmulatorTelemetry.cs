using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Checkout.Sandbox.Common;

/// <summary>
/// The emulator's traces, metrics and logs, to the OTLP collector <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names (the AppHost's
/// dashboard sets it); nothing without it. Its webhooks and callbacks carry the trace of the request that caused them, so a
/// checkout reads as one trace across the emulator and the app.
/// </summary>
public static class EmulatorTelemetry
{
    /// <summary>The emulator's ActivitySource: one span per webhook or callback delivery.</summary>
    public static readonly ActivitySource Source = new("Checkout.Sandbox");

    public static WebApplicationBuilder AddEmulatorTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        // "klarna-emulator" unless OTEL_SERVICE_NAME says otherwise: the detector runs last and wins.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("klarna-emulator").AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddSource(Source.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != "/healthz")
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logging => logging.IncludeFormattedMessage = true)
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// The span of one delivery, a child of <paramref name="cause"/>, so the HTTP call under it sends that trace on in
    /// <c>traceparent</c>, and linked to <paramref name="trigger"/> when that is another request; null when nothing listens.
    /// </summary>
    internal static Activity? StartDelivery(string name, ActivityContext cause, Uri url, string eventId, ActivityContext trigger = default)
    {
        ActivityLink[]? links = trigger == default || trigger == cause ? null : [new ActivityLink(trigger)];
        var activity = Source.StartActivity(name, ActivityKind.Producer, cause, links: links);
        activity?.SetTag("server.address", url.Host);
        activity?.SetTag("event.id", eventId);
        return activity;
    }
}
