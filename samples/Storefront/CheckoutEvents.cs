namespace Storefront;

using System.Text.Json;
using Microsoft.Extensions.Options;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

/// <summary>
/// <c>POST /checkout-events</c>: the checkout's signed events. The signature is checked on the raw body, before any JSON
/// is read (Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c> within five minutes, <c>webhook-signature</c>);
/// anything that does not verify is refused with 400 and changes nothing. A verified event is applied and answered 204.
/// </summary>
public static partial class CheckoutEvents
{
    public const string Path = "/checkout-events";

    public static IServiceCollection AddCheckoutEvents(this IServiceCollection services)
    {
        services.AddSingleton<SubscriptionLedger>();
        services.AddSingleton(sp => new StandardWebhook(sp.GetRequiredService<IOptions<CheckoutSettings>>().Value.WebhookSecret!));
        return services;
    }

    public static IEndpointRouteBuilder MapCheckoutEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpRequest request, StandardWebhook webhook, SubscriptionLedger ledger, ILoggerFactory logs) =>
        {
            var log = logs.CreateLogger(typeof(CheckoutEvents));
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            try
            {
                webhook.Verify(body, request.Headers);
            }
            catch (WebhookVerificationException e)
            {
                LogRefused(log, e.Message);
                return Results.BadRequest();
            }
            using var evt = JsonDocument.Parse(body);
            var type = evt.RootElement.GetProperty("type").GetString();
            var applied = ledger.Record(evt.RootElement);
            LogReceived(log, type, applied);
            return Results.NoContent();
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an event whose signature did not verify: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkout event {Type} received (new: {Applied})")]
    private static partial void LogReceived(ILogger logger, string? type, bool applied);
}
