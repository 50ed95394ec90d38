using Checkout.Sandbox.Acquirer;
using Checkout.Sandbox.Acquirer.GenericPayments;
using Checkout.Sandbox.Acquirer.Payments;
using Checkout.Sandbox.Acquirer.TokenCharges;
using Checkout.Sandbox.Klarna;
using Checkout.Sandbox.Klarna.CustomerTokens;
using Checkout.Sandbox.Klarna.Journey;
using Checkout.Sandbox.Klarna.Notifications;
using Checkout.Sandbox.Klarna.PaymentAuthorize;
using Checkout.Sandbox.Klarna.PaymentRequests;
using Checkout.Sandbox.Klarna.Webhooks;
using Checkout.Sandbox.Klarna.WebSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox;

/// <summary>
/// The Klarna emulator and the sandbox acquirer on any <see cref="WebApplication"/>: the emulator's own host
/// (<see cref="EmulatorProgram"/>) and the tests that host it in-process. Refuses the Production environment.
/// </summary>
public static class EmulatorHosting
{
    public static WebApplicationBuilder AddEmulator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                "The Klarna emulator must not run in the Production environment: it approves every purchase. Run it with "
                + "ASPNETCORE_ENVIRONMENT=Development (or any other non-production environment).");
        }

        SandboxSecrets.FillMissing(builder.Configuration);

        var services = builder.Services;
        if (builder.Environment.IsDevelopment())
        {
            // A clock the app's test clock moves along with its own (POST /sandbox/clock/advance).
            services.TryAddSingleton<TimeProvider>(new SandboxClock(TimeProvider.System));
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SandboxOptions>().Bind(builder.Configuration.GetSection(SandboxOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidation>();

        // Klarna emulator
        services.AddSingleton<NetworkSessionTokens>();
        services.AddSingleton<PaymentRequestStore>();
        services.AddSingleton<PaymentRequestLifecycle>();
        services.AddSingleton<CustomerTokenRegistry>();
        services.AddSingleton<KlarnaIdempotency>();
        services.AddSingleton<CreatePaymentRequestHandler>();
        services.AddSingleton<KlarnaApiKeyFilter>();
        services.AddSingleton<AcquirerKlarnaApiKeyFilter>();
        services.AddSingleton<PaymentAuthorizeIdempotency>();
        services.AddSingleton<PaymentAuthorizer>();
        services.AddSingleton<CustomerTokenCharges>();
        services.AddSingleton<TokenChargeLedger>();
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
        services.AddSingleton<TokenCharging>();
        services.AddSingleton<PaymentCompletion>();
        services.AddSingleton<PartnerCallbacks>();
        services.AddHttpClient(KlarnaAuthorizeClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(LoopbackCertificates.CreateHandler);
        services.AddHttpClient(PartnerCallbackSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(LoopbackCertificates.CreateHandler);
        services.AddHostedService<PartnerCallbackSender>();
        return builder;
    }

    public static WebApplication MapEmulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The browser loads the SDK stand-in from the merchant's page, another origin: a module script needs CORS.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/sandbox/klarna/web-sdk", StringComparison.Ordinal),
            branch => branch.Use((context, next) =>
            {
                context.Response.Headers.AccessControlAllowOrigin = "*";
                if (HttpMethods.IsOptions(context.Request.Method))
                {
                    context.Response.Headers.AccessControlAllowMethods = "GET, POST";
                    context.Response.Headers.AccessControlAllowHeaders = "Content-Type";
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return Task.CompletedTask;
                }
                return next(context);
            }));
        app.MapGet("/healthz", () => Results.Text("Healthy")).ExcludeFromDescription();
        app.MapKlarnaEmulator();
        app.MapSandboxAcquirer();
        if (app.Environment.IsDevelopment())
        {
            app.MapSandboxCredentials();
            app.MapSandboxClock();
            app.MapTokenChargeLedger();
        }

        return app;
    }
}
