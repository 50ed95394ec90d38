namespace Checkout.Web.Infrastructure;

using System.Net.Http.Headers;
using System.Text.Json;
using Checkout.Acquiring;
using Checkout.Acquiring.Generic;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Acquiring.WorldlineConnect;
using Checkout.Klarna;
using Checkout.Klarna.Notifications;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;
using Microsoft.Extensions.Options;
using Refit;

/// <summary>
/// Every outbound HTTP client in one place: a Refit interface per API, one named HttpClient per upstream with
/// its base address, key and resilience pipeline.
/// </summary>
public static class OutboundClients
{
    public const string Klarna = "Klarna";
    public const string Acquirer = "Acquirer";
    public const string WorldlineConnect = "WorldlineConnect";
    public const string KlarnaNotifications = "KlarnaNotifications";

    /// <summary>Klarna's and the acquirer's settings (<c>Klarna:</c>, <c>Acquirer:</c>), checked at start, and their clients.</summary>
    public static IServiceCollection AddUpstreams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KlarnaOptions>().Bind(configuration.GetSection(KlarnaOptions.Section))
            .PostConfigure(o => o.WebhookSigningKeys = SigningKeyConfiguration.Read(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KlarnaOptions>, KlarnaOptionsValidator>();
        services.AddOptions<AcquirerOptions>().Bind(configuration.GetSection(AcquirerOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AcquirerOptions>, AcquirerOptionsValidator>();
        return services.AddOutboundClients();
    }

    /// <summary>The clients alone, reading <see cref="KlarnaOptions"/> and <see cref="AcquirerOptions"/> however they are bound.</summary>
    public static IServiceCollection AddOutboundClients(this IServiceCollection services)
    {
        services.AddRefitGeneratedClient<IKlarnaPaymentRequestsApi>(_ => OutboundFailures.SettingsFor(KlarnaJson.Options), Klarna)
            .ConfigureHttpClient(ConfigureKlarna)
            .AddUpstreamResilience(sp => sp.GetRequiredService<IOptions<KlarnaOptions>>().Value.Timeout);
        services.AddTransient<KlarnaPaymentRequestsClient>();

        // The generic acquirer and its partner API (the acquirer-led flow) are one upstream: one client, one circuit breaker.
        services.AddRefitGeneratedClient<IGenericAcquirerApi>(_ => OutboundFailures.SettingsFor(GenericJson), Acquirer);
        services.AddRefitGeneratedClient<IPartnerPaymentsApi>(_ => OutboundFailures.SettingsFor(PartnerPaymentsClient.Json), Acquirer)
            .ConfigureHttpClient(ConfigureAcquirer)
            .AddUpstreamResilience(AcquirerTimeout);
        services.AddTransient<GenericAcquirerClient>();
        services.AddTransient<PartnerPaymentsClient>();
        services.AddTransient<GenericTokenCharger>();
        services.AddTransient<PartnerTokenCharger>();
        services.AddTransient<GenericCustomerPresentCharger>();
        services.AddTransient<PartnerCustomerPresentCharger>();

        // The signer sits inside the resilience handler, so every attempt carries a fresh Date and signature.
        services.AddRefitGeneratedClient<IWorldlineConnectApi>(_ => OutboundFailures.SettingsFor(WorldlineJson.Options), WorldlineConnect)
            .ConfigureHttpClient(ConfigureAcquirer)
            .AddUpstreamResilience(AcquirerTimeout)
            .AddHttpMessageHandler(sp => new GcsV1HmacHandler(
                sp.GetRequiredService<IOptions<AcquirerOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<WorldlineConnectClient>();
        services.AddTransient<WorldlineConnectTokenCharger>();
        services.AddTransient<WorldlineConnectCustomerPresentCharger>();

        services.AddTransient<IAcquirer>(sp => sp.GetRequiredService<IOptions<AcquirerOptions>>().Value.Kind switch
        {
            AcquirerKind.WorldlineConnect => sp.GetRequiredService<WorldlineConnectClient>(),
            _ => sp.GetRequiredService<GenericAcquirerClient>(),
        });

        // Renewals go where the sign-up's token went: the acquirer-led flow kept the acquirer's token id.
        services.AddTransient<ITokenCharger>(sp =>
            sp.GetRequiredService<IOptions<KlarnaOptions>>().Value.Flow == KlarnaFlow.AcquirerLed
                ? sp.GetRequiredService<PartnerTokenCharger>()
                : sp.GetRequiredService<IOptions<AcquirerOptions>>().Value.Kind switch
                {
                    AcquirerKind.WorldlineConnect => sp.GetRequiredService<WorldlineConnectTokenCharger>(),
                    _ => sp.GetRequiredService<GenericTokenCharger>(),
                });
        // Rides likewise: the token the rides sign-up kept decides who can charge it.
        services.AddTransient<ICustomerPresentCharger>(sp =>
            sp.GetRequiredService<IOptions<KlarnaOptions>>().Value.Flow == KlarnaFlow.AcquirerLed
                ? sp.GetRequiredService<PartnerCustomerPresentCharger>()
                : sp.GetRequiredService<IOptions<AcquirerOptions>>().Value.Kind switch
                {
                    AcquirerKind.WorldlineConnect => sp.GetRequiredService<WorldlineConnectCustomerPresentCharger>(),
                    _ => sp.GetRequiredService<GenericCustomerPresentCharger>(),
                });
        return services;
    }

    /// <summary>
    /// Klarna's Notification API for the <c>klarna</c> verbs, which run before and without the app's host: a
    /// provider of their own, with Klarna's resilience, a short connect timeout and the verb's target account.
    /// </summary>
    public static IServiceCollection AddKlarnaNotifications(this IServiceCollection services, Uri baseUrl, string apiKey)
    {
        services.AddRefitGeneratedClient<IKlarnaNotificationApi>(_ => OutboundFailures.SettingsFor(KlarnaJson.Options), KlarnaNotifications)
            .ConfigureHttpClient(http =>
            {
                http.BaseAddress = baseUrl;
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", apiKey);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
            .AddUpstreamResilience(_ => TimeSpan.FromSeconds(15));
        services.AddTransient(sp => new NotificationClient(sp.GetRequiredService<IKlarnaNotificationApi>(), baseUrl));
        return services;
    }

    /// <summary>The generic acquirer's field names are spelled out on the wire models; the rest are the web defaults.</summary>
    private static readonly JsonSerializerOptions GenericJson = new(JsonSerializerDefaults.Web);

    private static void ConfigureKlarna(IServiceProvider sp, HttpClient http)
    {
        var options = sp.GetRequiredService<IOptions<KlarnaOptions>>().Value;
        http.BaseAddress = WithTrailingSlash(options.BaseUrl!);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", options.ApiKey);
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static void ConfigureAcquirer(IServiceProvider sp, HttpClient http)
    {
        var options = sp.GetRequiredService<IOptions<AcquirerOptions>>().Value;
        http.BaseAddress = WithTrailingSlash(options.BaseUrl!);
        if (options.Kind != AcquirerKind.WorldlineConnect)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static TimeSpan AcquirerTimeout(IServiceProvider sp) => sp.GetRequiredService<IOptions<AcquirerOptions>>().Value.Timeout;

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
