namespace Checkout.Web.Infrastructure;

using Checkout.Acquiring;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Web.Infrastructure.Http;
using Microsoft.Extensions.Options;

public static class PartnerPaymentsRegistration
{
    /// <summary>The acquirer's seed-002 partner API, used when <c>Klarna:Flow=AcquirerLed</c>.</summary>
    public static IServiceCollection AddPartnerPaymentsClient(this IServiceCollection services)
    {
        services.AddHttpClient<PartnerPaymentsClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<AcquirerOptions>>().Value;
                http.BaseAddress = string.IsNullOrWhiteSpace(options.BaseUrl)
                    ? new Uri(sp.GetRequiredService<ServerAddress>().Root, "sandbox/acquirer/")
                    : new Uri(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(sp => new ResilienceHandler(ResilienceHandler.BuildPipeline(
                sp.GetRequiredService<IOptions<AcquirerOptions>>().Value.Timeout, 3, sp.GetRequiredService<TimeProvider>())));
        return services;
    }
}
