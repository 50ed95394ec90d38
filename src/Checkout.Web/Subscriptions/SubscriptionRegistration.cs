namespace Checkout.Web.Subscriptions;

using Checkout.Web.Orders;

public static class SubscriptionRegistration
{
    /// <summary>Sign-ups start subscriptions; the scheduler renews them (through an <c>ITokenCharger</c> registered with the acquirers).</summary>
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddScoped<SubscriptionStore>();
        services.AddScoped<SubscriptionSignUps>();
        services.AddScoped<IOrderCompletedListener>(sp => sp.GetRequiredService<SubscriptionSignUps>());
        services.AddScoped<RenewalCharging>();
        // The shopper's signed, expiring, revocable link and page: what they see and the cancellation at period end.
        services.AddOptions<ShopperLinkSettings>().BindConfiguration(ShopperLinkSettings.Section)
            .Validate(s => s.Lifetime > TimeSpan.Zero, "ShopperLinks:Lifetime must be longer than zero (e.g. 30.00:00:00).")
            .ValidateOnStart();
        services.AddScoped<ShopperLinks>();
        services.AddScoped<ShopperCancellation>();
        services.AddSingleton<RenewalScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RenewalScheduler>());
        return services;
    }
}
