namespace Checkout.Web.Sessions;

using Checkout.Web.Orders;

public static class SessionRegistration
{
    /// <summary>
    /// Checkout sessions the store's server opens (their return pages must be on <c>Merchant:AllowedReturnHosts</c>),
    /// completed by their orders and expired on time by <see cref="SessionExpirySweeper"/>.
    /// </summary>
    public static IServiceCollection AddCheckoutSessions(this IServiceCollection services)
    {
        services.AddOptions<ReturnPageSettings>().BindConfiguration(ReturnPageSettings.Section)
            .Validate(
                s => s.AllowedReturnHosts.All(h => Uri.CheckHostName(h?.Trim()) != UriHostNameType.Unknown),
                "Merchant:AllowedReturnHosts must list host names only (store.example.com), no scheme, port or path.")
            .ValidateOnStart();
        services.AddSingleton<ReturnUrlPolicy>();
        services.AddScoped<CheckoutSessionStore>();
        services.AddScoped<CheckoutSessionOpening>();
        services.AddScoped<SessionProducts.Reader>();
        services.AddScoped<SessionCompletion>();
        services.AddScoped<IOrderCompletedListener>(sp => sp.GetRequiredService<SessionCompletion>());
        services.AddScoped<IOrderCanceledListener>(sp => sp.GetRequiredService<SessionCompletion>());
        // Open sessions past their time are expired (and told to the store) without waiting for a read.
        services.AddSingleton<SessionExpirySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionExpirySweeper>());
        return services;
    }
}
