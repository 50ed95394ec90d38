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
        services.AddSingleton<RenewalScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RenewalScheduler>());
        return services;
    }
}
