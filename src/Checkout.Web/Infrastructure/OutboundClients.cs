namespace Checkout.Web.Infrastructure;

using Checkout.Acquiring;
using Checkout.Acquiring.Generic;
using Checkout.Acquiring.WorldlineConnect;
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
        services.AddSingleton<OutboundPipelines>();

        services.AddHttpClient<KlarnaPaymentRequestsClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<KlarnaOptions>>().Value;
                http.BaseAddress = string.IsNullOrWhiteSpace(options.BaseUrl)
                    ? new Uri(sp.GetRequiredService<ServerAddress>().Root, "sandbox/klarna/")
                    : WithTrailingSlash(options.BaseUrl);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(sp => new ResilienceHandler(sp.GetRequiredService<OutboundPipelines>().Klarna));

        services.AddHttpClient<GenericAcquirerClient>(ConfigureAcquirer).AddHttpMessageHandler(AcquirerResilience);
        // The signer sits inside the retries, so every attempt carries a fresh Date and signature.
        services.AddHttpClient<WorldlineConnectClient>(ConfigureAcquirer)
            .AddHttpMessageHandler(AcquirerResilience)
            .AddHttpMessageHandler(sp => new GcsV1HmacHandler(
                sp.GetRequiredService<IOptions<AcquirerOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<IAcquirer>(sp => sp.GetRequiredService<IOptions<AcquirerOptions>>().Value.Kind switch
        {
            AcquirerKind.WorldlineConnect => sp.GetRequiredService<WorldlineConnectClient>(),
            _ => sp.GetRequiredService<GenericAcquirerClient>(),
        });
        return services;
    }

    public static void ConfigureAcquirer(IServiceProvider sp, HttpClient http)
    {
        var options = sp.GetRequiredService<IOptions<AcquirerOptions>>().Value;
        http.BaseAddress = options.Kind == AcquirerKind.Sandbox
            ? new Uri(sp.GetRequiredService<ServerAddress>().Root, "sandbox/acquirer/")
            : WithTrailingSlash(options.BaseUrl!);
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public static ResilienceHandler AcquirerResilience(IServiceProvider sp) => new(sp.GetRequiredService<OutboundPipelines>().Acquirer);

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
