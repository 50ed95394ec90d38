using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.Notifications;

/// <summary>Klarna's Notification API: signing keys and webhook registrations of the merchant's account.</summary>
internal static class NotificationEndpoints
{
    public static void MapNotifications(this IEndpointRouteBuilder klarna)
    {
        var notification = klarna.MapGroup("/v2/notification").AddEndpointFilter<KlarnaApiKeyFilter>();
        notification.MapPost("/signing-keys", CreateSigningKey);
        notification.MapGet("/signing-keys", ListSigningKeys);
        notification.MapPost("/webhooks", CreateWebhookAsync);
        notification.MapGet("/webhooks", ListWebhooks);
        notification.MapGet("/webhooks/{id}", ReadWebhook);
        notification.MapDelete("/webhooks/{id}", DeleteWebhook);
    }

    /// <summary>The only answer that carries the secret.</summary>
    private static IResult CreateSigningKey(NotificationRegistry registry)
    {
        var key = registry.CreateSigningKey();
        return Results.Json(
            new { signing_key_id = key.SigningKeyId, signing_key = key.Secret, created_at = key.CreatedAt },
            SandboxJson.SnakeCase,
            statusCode: StatusCodes.Status201Created);
    }

    private static IResult ListSigningKeys(NotificationRegistry registry) => Results.Json(
        new { signing_keys = registry.SigningKeys.Select(key => new { signing_key_id = key.SigningKeyId, created_at = key.CreatedAt }) },
        SandboxJson.SnakeCase);

    private static async Task<IResult> CreateWebhookAsync(HttpRequest request, NotificationRegistry registry, IOptions<SandboxOptions> options)
    {
        var (input, errors) = WebhookRegistrationInput.Parse(await RequestBody.ReadAllAsync(request), registry);
        if (input is null)
        {
            return NotificationError.Invalid(errors);
        }

        var webhook = registry.TryAdd(input.Url, input.EventTypes, input.SigningKeyId, input.Status);
        return webhook is null
            ? NotificationError.AlreadyExists()
            : Results.Json(View(webhook, request, options.Value), SandboxJson.SnakeCase, statusCode: StatusCodes.Status201Created);
    }

    private static IResult ListWebhooks(HttpRequest request, NotificationRegistry registry, IOptions<SandboxOptions> options) =>
        Results.Json(new { webhooks = registry.Webhooks.Select(webhook => View(webhook, request, options.Value)) }, SandboxJson.SnakeCase);

    private static IResult ReadWebhook(string id, HttpRequest request, NotificationRegistry registry, IOptions<SandboxOptions> options) =>
        registry.FindWebhook(id) is { } webhook
            ? Results.Json(View(webhook, request, options.Value), SandboxJson.SnakeCase)
            : NotificationError.NotFound("The webhook");

    private static IResult DeleteWebhook(string id, NotificationRegistry registry) =>
        registry.RemoveWebhook(id) ? Results.NoContent() : NotificationError.NotFound("The webhook");

    /// <summary>The default registration has no URL of its own: it shows where this origin's payment requests would go.</summary>
    private static object View(WebhookRegistration webhook, HttpRequest request, SandboxOptions options) => new
    {
        webhook_id = webhook.WebhookId,
        url = webhook.Url ?? DefaultWebhookUrl(request, options),
        event_types = webhook.EventTypes,
        event_version = webhook.EventVersion,
        signing_key_id = webhook.SigningKeyId,
        status = webhook.Status,
        created_at = webhook.CreatedAt,
    };

    private static string DefaultWebhookUrl(HttpRequest request, SandboxOptions options) =>
        string.IsNullOrEmpty(options.Klarna.WebhookUrl) ? RequestOrigin.Of(request) + DefaultWebhookPath : options.Klarna.WebhookUrl;

    public const string DefaultWebhookPath = "/api/webhooks/klarna";
}
