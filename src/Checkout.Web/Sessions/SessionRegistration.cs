namespace Checkout.Web.Sessions;

using Checkout.Web.Orders;

public static class SessionRegistration
{
    /// <summary>Checkout sessions the store's server opens; their return pages must be on <c>Merchant:AllowedReturnHosts</c>.</summary>
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
        return services;
    }
}
