namespace Checkout.Web.OnDemand;

public static class OnDemandRegistration
{
    /// <summary>Rides charged on the rides customer's token; the API is the merchant API's, off unless <c>Merchant:ApiKeys</c> is set.</summary>
    public static IServiceCollection AddOnDemandCharges(this IServiceCollection services)
    {
        services.AddScoped<OnDemandChargeStore>();
        services.AddScoped<OnDemandCharging>();
        services.AddScoped<OnDemandSettlement>();
        return services;
    }
}
