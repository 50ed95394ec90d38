namespace Checkout.Web.Infrastructure;

using Checkout.Acquiring.PartnerPayments;

public static class PartnerPaymentsRegistration
{
    /// <summary>The acquirer's seed-002 partner API, used when <c>Klarna:Flow=AcquirerLed</c>.</summary>
    public static IServiceCollection AddPartnerPaymentsClient(this IServiceCollection services)
    {
        services.AddHttpClient<PartnerPaymentsClient>(OutboundClients.ConfigureAcquirer)
            .AddHttpMessageHandler(OutboundClients.AcquirerResilience);
        return services;
    }
}
