namespace Checkout.Web.Infrastructure;

using Checkout.Acquiring;
using Checkout.Domain.Tokens;
using Checkout.Klarna;
using Checkout.Klarna.Webhooks;
using Checkout.Web.Admin;
using Checkout.Web.Authorization;
using Checkout.Web.Brand;
using Checkout.Web.Catalog;
using Checkout.Web.Checkouts;
using Checkout.Web.Completion;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.MerchantAuthentication;
using Checkout.Web.MerchantApi;
using Checkout.Web.OnDemand;
using Checkout.Web.Orders;
using Checkout.Web.Sessions;
using Checkout.Web.Subscriptions;
using Checkout.Web.Telemetry;
using Checkout.Web.TestClock;
using Checkout.Web.Tokens;
using Checkout.Web.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

public static class CheckoutServices
{
    public static WebApplicationBuilder AddCheckout(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // The system clock, or in Development with TestClock:Enabled one the operator's view can move forward.
        services.AddAppClock();

        services.AddOptions<KlarnaOptions>().Bind(configuration.GetSection(KlarnaOptions.Section))
            .PostConfigure(o => o.WebhookSigningKeys = SigningKeyConfiguration.Read(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KlarnaOptions>, KlarnaOptionsValidator>();
        services.AddOptions<AcquirerOptions>().Bind(configuration.GetSection(AcquirerOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AcquirerOptions>, AcquirerOptionsValidator>();

        // The merchant's plans, from settings.
        services.AddPlanCatalog();
        // The merchant's name, logo, colour and links, from settings.
        services.AddBrand();

        // SQLite by default; Database:Provider=Postgres for several instances on one database.
        services.AddCheckoutDatabase(configuration);

        // Keys live in the database with the tokens they protect, so a restart can still read every token;
        // encrypted there with a certificate when one is configured.
        services.AddDataProtection().SetApplicationName("Checkout")
            .PersistKeysToDbContext<CheckoutDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration);
        // Outside Development the start is refused without that certificate: a copy of the database alone must not read the tokens.
        services.AddKeyRingProtectionCheck();
        services.AddSingleton<SecretProtector>();

        services.AddSingleton(sp => new WebhookSignatureVerifier(
            sp.GetRequiredService<IOptions<KlarnaOptions>>().Value.WebhookSigningKeys));
        services.AddOutboundClients();

        services.AddScoped<OrderStore>();
        services.AddScoped<ICustomerTokenVault, DataProtectionTokenVault>();
        services.AddScoped<PendingAuthorizationStore>();
        services.AddScoped<FirstChargeAuthorizer>();
        services.AddScoped<PaymentRequestService>();
        services.AddSingleton<PayerCookie>();
        services.AddScoped<AcquirerLedStart>();
        services.AddScoped<DirectCompletion>();
        services.AddScoped<AcquirerLedCompletion>();
        services.AddScoped<OutcomeRefresh>();
        services.AddSingleton<OutcomeRefreshRequests>();
        services.AddScoped<JourneyCancellation>();
        services.AddScoped<WebhookInbox>();
        services.AddSingleton<SqliteGroupCommit>();
        services.AddSingleton<WorkSignal>();
        services.AddHostedService<CheckoutWorker>();
        services.AddSingleton<Reconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<Reconciler>());
        // Subscriptions started by completed sign-ups, renewed on schedule.
        services.AddSubscriptions();
        // The merchant's server as a caller: Bearer keys from Merchant:ApiKeys; its API is off (404) without one.
        services.AddMerchantApiKeys();
        // Rides charged on demand through the merchant API.
        services.AddOnDemandCharges();
        // Checkout sessions the store's server opens, completed by their orders.
        services.AddCheckoutSessions();
        // The OpenAPI document of the store's API, /api/v1.
        services.AddMerchantApi();
        // Signed events to the merchant's systems (Merchant:Webhooks), from an outbox written with each change.
        services.AddMerchantEvents();

        // The operator's view at /admin: off unless Admin:Key is set.
        services.AddOperatorView(builder.Environment);
        services.AddSingleton<Http.SecurityHeaders>();
        services.AddCheckoutSettings();
        // Traces and funnel metrics; exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, /metrics when enabled.
        builder.AddCheckoutTelemetry();
        // The real client behind the proxies ForwardedHeaders:KnownProxies/KnownNetworks name; nobody else's headers are believed.
        services.AddCheckoutForwardedHeaders();
        services.AddCheckoutRateLimits();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.MaxDepth = 16);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = Http.AntiforgeryHeaderFilter.HeaderName;
            // Outside Development the token's cookie is never sent over plain HTTP.
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddProblemDetails();
        var pages = services.AddRazorPages();
        if (builder.Environment.IsDevelopment())
        {
            // Under `dotnet run`, an edited .cshtml shows on the next refresh; other environments serve the compiled views only.
            pages.AddRazorRuntimeCompilation();
        }
        return builder;
    }
}
