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
        services.AddScoped<RenewalClaims>();
        services.AddScoped<RenewalCharging>();
        services.AddScoped<RenewalAnswers>();
        services.AddSingleton<RenewalSlots>();
        services.AddOptions<RenewalSettings>().BindConfiguration(RenewalSettings.Section)
            .Validate(s => s.HasValidRetries, "Renewals:RetryAfter must list days that are positive and increasing (e.g. 1, 3, 7).")
            .Validate(s => s.BatchSize > 0, "Renewals:BatchSize must be a positive number of subscriptions.")
            .Validate(s => s.Concurrency > 0, "Renewals:Concurrency must be a positive number of charges in flight.")
            .Validate(s => s.PollInterval > TimeSpan.Zero, "Renewals:PollInterval must be longer than zero (e.g. 00:00:30).")
            .ValidateOnStart();
        // The shopper's signed, expiring, revocable link and page: what they see and the cancellation at period end.
        services.AddOptions<ShopperLinkSettings>().BindConfiguration(ShopperLinkSettings.Section)
            .Validate(s => s.Lifetime > TimeSpan.Zero, "ShopperLinks:Lifetime must be longer than zero (e.g. 30.00:00:00).")
            .ValidateOnStart();
        services.AddScoped<ShopperLinks>();
        // Links the store's server asks for (POST /api/v1/subscriptions/{id}/portal-links), one per Idempotency-Key.
        services.AddScoped<PortalLinks>();
        services.AddSingleton<PortalLinkSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<PortalLinkSweeper>());
        services.AddScoped<ShopperCancellation>();
        services.AddSingleton<RenewalScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RenewalScheduler>());
        return services;
    }
}
