namespace Checkout.Web.OnDemand;

public static class OnDemandRegistration
{
    /// <summary>Rides charged on the rides customer's token; the API is off unless <c>OnDemand:ApiKey</c> is set.</summary>
    public static IServiceCollection AddOnDemandCharges(this IServiceCollection services)
    {
        services.AddOptions<OnDemandSettings>().BindConfiguration(OnDemandSettings.Section)
            .Validate(s => !s.Enabled || s.ApiKey!.Trim().Length >= 32, "OnDemand:ApiKey must be at least 32 characters, or absent to keep the on-demand API off.")
            .ValidateOnStart();
        services.AddSingleton<OnDemandApiKey>();
        services.AddScoped<OnDemandChargeStore>();
        services.AddScoped<OnDemandCharging>();
        services.AddScoped<OnDemandSettlement>();
        return services;
    }
}
