namespace Checkout.Web.Checkouts;

using Checkout.Web.Authorization;
using Checkout.Web.Orders;

public static class CheckoutRegistration
{
    /// <summary>The shopper's checkout: orders, Klarna's payment request (or the acquirer's, acquirer-led) and the first charge.</summary>
    public static IServiceCollection AddCheckoutPayments(this IServiceCollection services)
    {
        services.AddScoped<OrderStore>();
        services.AddScoped<PaymentRequestService>();
        services.AddSingleton<PayerCookie>();
        services.AddScoped<AcquirerLedStart>();
        services.AddScoped<PendingAuthorizationStore>();
        services.AddScoped<FirstChargeAuthorizer>();
        return services;
    }
}
