namespace Checkout.Web.Infrastructure;

using Checkout.Web.Subscriptions;
using Serilog;
using Serilog.Events;

public static class Logging
{
    /// <summary>Names under which a request's log line carries what it concerns.</summary>
    public const string OrderId = "OrderId";
    public const string KlarnaCorrelationId = "KlarnaCorrelationId";

    /// <summary>Serilog from the <c>Serilog</c> configuration section, console by default.</summary>
    public static WebApplicationBuilder AddCheckoutLogging(this WebApplicationBuilder builder)
    {
        // Serilog writes the console; the framework's own console provider would print every line twice.
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext()
                    .Enrich.With<ShopperLinkRedaction>();
                if (!builder.Configuration.GetSection("Serilog:WriteTo").Exists())
                {
                    logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
                }
            },
            // One logger per app, not the static one: several hosts in a process (tests) keep their logs apart.
            preserveStaticLogger: true,
            // Providers the host adds besides Serilog (OpenTelemetry's, a test's capture) still get every event.
            writeToProviders: true);
        return builder;
    }

    /// <summary>
    /// One line per request: method, path (never the query string), status and elapsed time, with the order
    /// and Klarna's correlation id where the endpoint knows them.
    /// </summary>
    public static IApplicationBuilder UseCheckoutRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} answered {StatusCode} in {Elapsed:0.0} ms";
            // The shopper's link is their access to their subscription: its token never reaches the logs.
            options.GetMessageTemplateProperties = (context, path, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(ShopperLinks.Redact(path))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                if (OrderIdOf(context) is { } orderId)
                {
                    diagnostics.Set(OrderId, orderId);
                }
            };
        });

    /// <summary>The order a request names in its route or query; the endpoints that read it from a body set it themselves.</summary>
    private static Guid? OrderIdOf(HttpContext context)
    {
        var value = context.GetRouteValue("checkoutId")?.ToString() ?? context.Request.Query["checkoutId"].ToString();
        return Guid.TryParse(value, out var id) ? id : null;
    }
}
