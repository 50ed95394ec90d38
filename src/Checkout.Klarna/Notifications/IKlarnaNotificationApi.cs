namespace Checkout.Klarna.Notifications;

using Refit;

/// <summary>Klarna's Notification API as Refit sends it; <see cref="NotificationClient"/> reads the answers.</summary>
[Headers("Accept: application/json")]
public interface IKlarnaNotificationApi
{
    [Post("/v2/notification/signing-keys")]
    Task<IApiResponse<SigningKeyWire>> CreateSigningKeyAsync([Body] NewSigningKeyWire body, CancellationToken cancellationToken);

    [Post("/v2/notification/webhooks")]
    Task<IApiResponse<WebhookWire>> CreateWebhookAsync([Body] NewWebhookWire body, CancellationToken cancellationToken);

    [Get("/v2/notification/webhooks")]
    Task<IApiResponse<WebhookListWire>> ListWebhooksAsync(CancellationToken cancellationToken);

    [Delete("/v2/notification/webhooks/{webhookId}")]
    Task<IApiResponse<WebhookWire>> DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken);
}

/// <summary>Klarna takes an empty object to create a signing key.</summary>
public sealed record NewSigningKeyWire;

public sealed record NewWebhookWire(string Url, IReadOnlyList<string> EventTypes, string EventVersion, string SigningKeyId, string Status);

/// <summary>A created signing key; the names other versions of the API use are read too.</summary>
public sealed record SigningKeyWire(string? SigningKeyId, string? KeyId, string? SigningKey, string? Secret, string? Key);

public sealed record WebhookWire(string? WebhookId, string? Url, IReadOnlyList<string?>? EventTypes, string? Status, string? SigningKeyId);

public sealed record WebhookListWire(IReadOnlyList<WebhookWire?>? Webhooks);
