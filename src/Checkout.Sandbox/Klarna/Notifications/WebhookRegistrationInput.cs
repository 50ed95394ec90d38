using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkout.Sandbox.Klarna.Notifications;

/// <summary>A valid <c>POST /v2/notification/webhooks</c> body.</summary>
internal sealed record WebhookRegistrationInput(string Url, IReadOnlyList<string> EventTypes, string SigningKeyId, string Status)
{
    /// <summary>Klarna's rules, except that loopback URLs are accepted: the sandbox delivers to apps on this machine.</summary>
    public static (WebhookRegistrationInput? Input, List<ValidationError> Errors) Parse(byte[] body, NotificationRegistry registry)
    {
        var errors = new List<ValidationError>();
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
        }

        if (json is null)
        {
            errors.Add(new("body", "The body must be a JSON object."));
            return (null, errors);
        }

        var url = Text(json, "url");
        if (url is null || !IsDeliverable(url))
        {
            errors.Add(new("url", "url must be an absolute HTTPS URL on port 443 or 8443."));
        }

        var eventTypes = new List<string>();
        if (json["event_types"] is not JsonArray array || array.Count == 0)
        {
            errors.Add(new("event_types", "event_types must be a non-empty array."));
        }
        else
        {
            foreach (var item in array)
            {
                var type = item is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
                if (type is null || !NotificationEventTypes.Known.Contains(type))
                {
                    errors.Add(new("event_types", $"{type ?? "(not a string)"} is not a known event type."));
                }
                else if (eventTypes.Contains(type))
                {
                    errors.Add(new("event_types", $"{type} is listed twice."));
                }
                else
                {
                    eventTypes.Add(type);
                }
            }
        }

        if (Text(json, "event_version") != NotificationEventTypes.Version)
        {
            errors.Add(new("event_version", "event_version must be \"v2\"."));
        }

        var signingKeyId = Text(json, "signing_key_id");
        if (signingKeyId is null || registry.FindSigningKey(signingKeyId) is null)
        {
            errors.Add(new("signing_key_id", "signing_key_id must name a signing key of this account."));
        }

        var status = Text(json, "status") ?? NotificationEventTypes.Enabled;
        if (status is not (NotificationEventTypes.Enabled or NotificationEventTypes.Disabled))
        {
            errors.Add(new("status", "status must be ENABLED or DISABLED."));
        }

        return errors.Count > 0 ? (null, errors) : (new WebhookRegistrationInput(url!, eventTypes, signingKeyId!, status), errors);
    }

    public static bool IsDeliverable(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && ((uri.Scheme == Uri.UriSchemeHttps && uri.Port is 443 or 8443) || (IsHttp(uri) && IsLoopback(uri)));

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
