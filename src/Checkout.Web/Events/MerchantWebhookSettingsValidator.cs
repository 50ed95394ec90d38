namespace Checkout.Web.Events;

using System.Net;
using Microsoft.Extensions.Options;

/// <summary>Each bad endpoint stops the start with one line naming its key.</summary>
public sealed class MerchantWebhookSettingsValidator : IValidateOptions<MerchantWebhookSettings>
{
    public const string SecretPrefix = "whsec_";

    public ValidateOptionsResult Validate(string? name, MerchantWebhookSettings options)
    {
        var failures = new List<string>();
        foreach (var (endpoint, settings) in options.Endpoints)
        {
            var key = $"{MerchantWebhookSettings.Section}:{endpoint}";
            if (endpoint.Length > 100 || !endpoint.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                failures.Add($"{key}: the endpoint's name must be letters, digits, '-' or '_', at most 100.");
            }
            if (!IsReceiverUrl(settings.Url))
            {
                failures.Add($"{key}:Url must be an absolute https URL (http only on a loopback host), such as https://store.example.com/checkout-events.");
            }
            if (!IsSecret(settings.Secret))
            {
                failures.Add($"{key}:Secret must be a Standard Webhooks secret: whsec_ and 24 to 64 random bytes in base64 (see `events send` for one).");
            }
            foreach (var type in settings.Events.Where(t => !MerchantEventTypes.IsKnown(t)))
            {
                failures.Add($"{key}:Events lists '{type}', which is not an event type; use {string.Join(", ", MerchantEventTypes.All)}.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsReceiverUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
        && string.IsNullOrEmpty(uri.UserInfo);

    public static bool IsSecret(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        var key = new byte[64];
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], key, out var length) && length >= 24;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
