namespace Checkout.Web.Infrastructure.DevelopmentEmulator;

public static class DevelopmentEmulatorRegistration
{
    /// <summary>In Development with <c>DevelopmentEmulator:Start</c>, the app starts the local Klarna emulator it is pointed at.</summary>
    public static WebApplicationBuilder AddDevelopmentEmulator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(DevelopmentEmulatorSettings.Section);
        if (builder.Environment.IsDevelopment() && settings.GetValue<bool>(nameof(DevelopmentEmulatorSettings.Start)))
        {
            builder.Services.AddOptions<DevelopmentEmulatorSettings>().Bind(settings);
            builder.Services.AddHostedService<DevelopmentEmulatorStarter>();
        }
        return builder;
    }
}
