namespace Checkout.Web.Infrastructure;

using Checkout.Acquiring;
using Checkout.Acquiring.Generic;
using Checkout.Klarna;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Infrastructure.Http;
using Microsoft.Extensions.Options;

/// <summary>Every outbound HTTP client in one place: base address, timeout, resilience.</summary>
public static class OutboundClients
{
    public static IServiceCollection AddOutboundClients(this IServiceCollection services)
    {
        services.AddSingleton<ServerAddress>();

        services.AddHttpClient<KlarnaPaymentRequestsClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<KlarnaOptions>>().Value;
                http.BaseAddress = string.IsNullOrWhiteSpace(options.BaseUrl)
                    ? new Uri(sp.GetRequiredService<ServerAddress>().Root, "sandbox/klarna/")
                    : WithTrailingSlash(options.BaseUrl);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(sp => new ResilienceHandler(ResilienceHandler.BuildPipeline(
                sp.GetRequiredService<IOptions<KlarnaOptions>>().Value.Timeout, 3, sp.GetRequiredService<TimeProvider>())));

        services.AddHttpClient<IAcquirer, GenericAcquirerClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<AcquirerOptions>>().Value;
                http.BaseAddress = options.Kind == AcquirerKind.Sandbox
                    ? new Uri(sp.GetRequiredService<ServerAddress>().Root, "sandbox/acquirer/")
                    : WithTrailingSlash(options.BaseUrl!);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(sp => new ResilienceHandler(ResilienceHandler.BuildPipeline(
                sp.GetRequiredService<IOptions<AcquirerOptions>>().Value.Timeout, 3, sp.GetRequiredService<TimeProvider>())));
        return services;
    }

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
