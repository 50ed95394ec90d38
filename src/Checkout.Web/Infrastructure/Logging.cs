namespace Checkout.Web.Infrastructure;

using Serilog;

public static class Logging
{
    /// <summary>Serilog from the <c>Serilog</c> configuration section, console by default.</summary>
    public static WebApplicationBuilder AddCheckoutLogging(this WebApplicationBuilder builder)
    {
        var configuration = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext();
        if (!builder.Configuration.GetSection("Serilog:WriteTo").Exists())
        {
            configuration.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);
        return builder;
    }
}
