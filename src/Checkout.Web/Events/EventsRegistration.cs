namespace Checkout.Web.Events;

using Microsoft.Extensions.Options;

public static class EventsRegistration
{
    /// <summary>
    /// Signed events to the merchant's systems: the endpoints in <c>Merchant:Webhooks</c> (checked at start), the
    /// outbox's sender and the worker that delivers it.
    /// </summary>
    public static IServiceCollection AddMerchantEvents(this IServiceCollection services)
    {
        services.AddOptions<MerchantWebhookSettings>()
            .Configure<IConfiguration>((settings, configuration) =>
            {
                foreach (var endpoint in configuration.GetSection(MerchantWebhookSettings.Section).GetChildren())
                {
                    settings.Endpoints[endpoint.Key] = endpoint.Get<WebhookEndpointSettings>() ?? new WebhookEndpointSettings();
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MerchantWebhookSettings>, MerchantWebhookSettingsValidator>();
        services.AddOptions<EventDeliverySettings>().BindConfiguration(EventDeliverySettings.Section)
            .Validate(s => s.AttemptTimeout > TimeSpan.Zero && s.AttemptTimeout <= TimeSpan.FromMinutes(1), "Merchant:EventDelivery:AttemptTimeout must be longer than zero and at most a minute (e.g. 00:00:10).")
            .Validate(s => s.PollInterval > TimeSpan.Zero, "Merchant:EventDelivery:PollInterval must be longer than zero (e.g. 00:00:01).")
            .ValidateOnStart();

        // The timeout is the sender's, per attempt; a redirect is not a delivery.
        services.AddHttpClient(SignedEventSender.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddSingleton<SignedEventSender>();
        services.AddScoped<EventDeliveryStore>();
        services.AddScoped<EventDeliveryQueries>();
        services.AddSingleton<EventDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<EventDeliveryWorker>());
        return services;
    }
}
