namespace Checkout.Web.Webhooks;

using Checkout.Klarna;
using Checkout.Klarna.Webhooks;
using Microsoft.Extensions.Options;

public static class WebhookRegistration
{
    /// <summary>Klarna's webhooks verified and stored as they arrive; the worker acts on them (and on authorizations) after.</summary>
    public static IServiceCollection AddWebhookProcessing(this IServiceCollection services)
    {
        services.AddSingleton(sp => new WebhookSignatureVerifier(
            sp.GetRequiredService<IOptions<KlarnaOptions>>().Value.WebhookSigningKeys));
        services.AddScoped<WebhookInbox>();
        services.AddScoped<WebhookProcessor>();
        services.AddHostedService<CheckoutWorker>();
        return services;
    }
}
