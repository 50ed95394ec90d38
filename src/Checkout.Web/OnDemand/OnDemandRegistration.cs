namespace Checkout.Web.OnDemand;

public static class OnDemandRegistration
{
    /// <summary>Rides charged on the rides customer's token, through the merchant API (<c>/api/v1/on-demand/charges</c>).</summary>
    public static IServiceCollection AddOnDemandCharges(this IServiceCollection services)
    {
        services.AddOptions<OnDemandSettings>().BindConfiguration(OnDemandSettings.Section)
            .Validate(s => s.StepUpLifetime > TimeSpan.Zero, "OnDemand:StepUpLifetime must be positive.")
            .Validate(s => s.MaxChargeMinorUnits > 0, "OnDemand:MaxChargeMinorUnits must be a positive amount in minor units (e.g. 100000).")
            .ValidateOnStart();
        services.AddScoped<OnDemandChargeStore>();
        services.AddScoped<OnDemandCharging>();
        services.AddScoped<OnDemandSettlement>();
        // Stepped-up rides whose acquirer callback never came: read, or expired after OnDemand:StepUpLifetime.
        services.AddSingleton<StepUpReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<StepUpReconciler>());
        return services;
    }
}
