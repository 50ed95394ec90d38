using Checkout.Sandbox.Acquirer;
using Checkout.Sandbox.Acquirer.GenericPayments;
using Checkout.Sandbox.Acquirer.Payments;
using Checkout.Sandbox.Klarna;
using Checkout.Sandbox.Klarna.Journey;
using Checkout.Sandbox.Klarna.Notifications;
using Checkout.Sandbox.Klarna.PaymentAuthorize;
using Checkout.Sandbox.Klarna.PaymentRequests;
using Checkout.Sandbox.Klarna.Webhooks;
using Checkout.Sandbox.Klarna.WebSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox;

/// <summary>Mounts the in-process Klarna emulator and sandbox acquirer when <c>Sandbox:Enabled</c> is true.</summary>
public static class SandboxExtensions
{
    public static WebApplicationBuilder AddCheckoutSandbox(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>("Sandbox:Enabled"))
        {
            return builder;
        }

        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                "The Klarna and acquirer sandbox must not run in Production. Set Sandbox:Enabled=false and configure "
                + "Klarna:BaseUrl, Klarna:ApiKey, Klarna:ClientId, Klarna:WebhookSigningKeys and the Acquirer settings.");
        }

        SandboxSecrets.FillMissing(builder.Configuration);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SandboxMarker>();
        services.AddOptions<SandboxOptions>().Bind(builder.Configuration.GetSection(SandboxOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<SandboxOptions>, SandboxOptionsDefaults>();
        services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidation>();

        // Klarna emulator
        services.AddSingleton<NetworkSessionTokens>();
        services.AddSingleton<PaymentRequestStore>();
        services.AddSingleton<PaymentRequestLifecycle>();
        services.AddSingleton<KlarnaIdempotency>();
        services.AddSingleton<CreatePaymentRequestHandler>();
        services.AddSingleton<KlarnaApiKeyFilter>();
        services.AddSingleton<AcquirerKlarnaApiKeyFilter>();
        services.AddSingleton<PaymentAuthorizeIdempotency>();
        services.AddSingleton<PaymentAuthorizer>();
        services.AddSingleton<JourneySteps>();
        services.AddSingleton<PresentationBuilder>();
        services.AddSingleton<NotificationRegistry>();
        services.AddSingleton<WebhookRouting>();
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<WebhookDelivery>();
        services.AddHttpClient(WebhookDelivery.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(LoopbackCertificates.CreateHandler);
        services.AddHostedService<WebhookSender>();
        services.AddHostedService<ExpirySweeper>();

        // Sandbox acquirer
        services.AddSingleton<AcquirerApiKeyFilter>();
        services.AddSingleton<AcquirerIdempotency>();
        services.AddSingleton<KlarnaAuthorizer>();
        services.AddSingleton<PartnerPaymentIdempotency>();
        services.AddSingleton<PartnerPaymentStore>();
        services.AddSingleton<CustomerTokenVault>();
        services.AddSingleton<KlarnaAuthorizeClient>();
        services.AddSingleton<PaymentCreation>();
        services.AddSingleton<PaymentCompletion>();
        services.AddSingleton<PartnerCallbacks>();
        services.AddHttpClient(KlarnaAuthorizeClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(LoopbackCertificates.CreateHandler);
        services.AddHttpClient(PartnerCallbackSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(LoopbackCertificates.CreateHandler);
        services.AddHostedService<PartnerCallbackSender>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCheckoutSandbox(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<SandboxMarker>() is null)
        {
            return app;
        }

        app.MapKlarnaEmulator();
        app.MapSandboxAcquirer();
        if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.MapSandboxCredentials();
        }

        return app;
    }

    private sealed class SandboxMarker;
}
