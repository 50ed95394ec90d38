using System.Collections.Concurrent;
using Checkout.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.Notifications;

internal sealed record SigningKey(string SigningKeyId, string Secret, DateTimeOffset CreatedAt);

/// <summary>One webhook registration. A null <see cref="Url"/> means each payment request's own default URL.</summary>
internal sealed record WebhookRegistration(
    string WebhookId,
    string? Url,
    IReadOnlyList<string> EventTypes,
    string EventVersion,
    string SigningKeyId,
    string Status,
    DateTimeOffset CreatedAt)
{
    public bool Delivers(string eventType) => Status == NotificationEventTypes.Enabled && EventTypes.Contains(eventType, StringComparer.Ordinal);
}

/// <summary>
/// The merchant account's signing keys and webhook registrations, in memory. Starts with the configured
/// signing key and one registration for the app itself, so the sandbox works with no set-up step.
/// </summary>
internal sealed class NotificationRegistry
{
    public const string DefaultWebhookId = "krn:partner:global:notification:webhook:sandbox-default";
    private const string SigningKeyPrefix = "krn:partner:global:notification:signing-key:";
    private const string WebhookPrefix = "krn:partner:global:notification:webhook:";

    private readonly ConcurrentDictionary<string, SigningKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WebhookRegistration> _webhooks = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();
    private readonly TimeProvider _time;

    public NotificationRegistry(IOptions<SandboxOptions> options, TimeProvider time)
    {
        _time = time;
        var klarna = options.Value.Klarna;
        var now = time.GetUtcNow();
        _keys[klarna.SigningKeyId] = new SigningKey(klarna.SigningKeyId, klarna.SigningKey, now);
        _webhooks[DefaultWebhookId] = new WebhookRegistration(
            DefaultWebhookId,
            string.IsNullOrEmpty(klarna.WebhookUrl) ? null : klarna.WebhookUrl,
            klarna.WebhookEventTypes is { Length: > 0 } types ? types : SandboxKlarnaOptions.DefaultWebhookEventTypes,
            NotificationEventTypes.Version,
            klarna.SigningKeyId,
            NotificationEventTypes.Enabled,
            now);
    }

    public SigningKey CreateSigningKey()
    {
        var key = new SigningKey(SigningKeyPrefix + Guid.NewGuid().ToString("D"), RandomText.Hex(64), _time.GetUtcNow());
        _keys[key.SigningKeyId] = key;
        return key;
    }

    public SigningKey? FindSigningKey(string id) => _keys.GetValueOrDefault(id);

    public IReadOnlyList<SigningKey> SigningKeys => [.. _keys.Values.OrderBy(key => key.CreatedAt)];

    /// <summary>Null when a registration for the same URL and the same event types already exists.</summary>
    public WebhookRegistration? TryAdd(string url, IReadOnlyList<string> eventTypes, string signingKeyId, string status)
    {
        lock (_writes)
        {
            if (_webhooks.Values.Any(existing => existing.Url == url && existing.EventTypes.Order().SequenceEqual(eventTypes.Order())))
            {
                return null;
            }

            var webhook = new WebhookRegistration(
                WebhookPrefix + Guid.NewGuid().ToString("D"), url, eventTypes, NotificationEventTypes.Version, signingKeyId, status, _time.GetUtcNow());
            _webhooks[webhook.WebhookId] = webhook;
            return webhook;
        }
    }

    public IReadOnlyList<WebhookRegistration> Webhooks => [.. _webhooks.Values.OrderBy(webhook => webhook.CreatedAt)];

    public WebhookRegistration? FindWebhook(string id) => _webhooks.GetValueOrDefault(id);

    public bool RemoveWebhook(string id) => _webhooks.TryRemove(id, out _);

    /// <summary>The enabled registrations subscribed to <paramref name="eventType"/>, each with its signing key.</summary>
    public IEnumerable<(WebhookRegistration Webhook, SigningKey Key)> Subscribers(string eventType)
    {
        foreach (var webhook in Webhooks)
        {
            if (webhook.Delivers(eventType) && FindSigningKey(webhook.SigningKeyId) is { } key)
            {
                yield return (webhook, key);
            }
        }
    }
}
