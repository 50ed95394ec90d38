namespace Checkout.Sandbox;

/// <summary>
/// The secrets shared by a sandbox in a host of its own and the app that talks to it, as the app would talk to
/// Klarna's test environment and an acquirer (<c>Sandbox:Enabled=false</c> in the app): the settings for both
/// sides from one place, so the two can never disagree.
/// </summary>
public sealed record StandaloneSandbox(
    string KlarnaApiKey, string ClientId, string SigningKeyId, string SigningKey, string AcquirerApiKey, string AcquirerWebhookSecret)
{
    /// <summary>
    /// The sandbox host's settings. Klarna's webhooks go to <paramref name="klarnaWebhookUrl"/>; the acquirer's callbacks to
    /// <paramref name="acquirerCallbackUrl"/>, or when null to the origin of each create call.
    /// </summary>
    public Dictionary<string, string?> HostSettings(Uri klarnaWebhookUrl, Uri? acquirerCallbackUrl = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Sandbox:Enabled"] = "true",
            ["Klarna:ApiKey"] = KlarnaApiKey,
            ["Klarna:ClientId"] = ClientId,
            [$"Klarna:WebhookSigningKeys:{SigningKeyId}"] = SigningKey,
            ["Acquirer:ApiKey"] = AcquirerApiKey,
            ["Acquirer:WebhookSecret"] = AcquirerWebhookSecret,
            ["Sandbox:Klarna:WebhookUrl"] = klarnaWebhookUrl.AbsoluteUri,
        };
        if (acquirerCallbackUrl is not null)
        {
            settings["Sandbox:Acquirer:CallbackUrl"] = acquirerCallbackUrl.AbsoluteUri;
        }
        return settings;
    }

    /// <summary>The app's settings for reaching the sandbox host at <paramref name="sandboxRoot"/> instead of its own.</summary>
    public Dictionary<string, string?> AppSettings(Uri sandboxRoot) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Sandbox:Enabled"] = "false",
        ["Klarna:BaseUrl"] = new Uri(sandboxRoot, "sandbox/klarna/").AbsoluteUri,
        ["Klarna:SdkUrl"] = new Uri(sandboxRoot, "sandbox/klarna/web-sdk/v2/klarna.mjs").AbsoluteUri,
        ["Klarna:ApiKey"] = KlarnaApiKey,
        ["Klarna:ClientId"] = ClientId,
        [$"Klarna:WebhookSigningKeys:{SigningKeyId}"] = SigningKey,
        ["Acquirer:Kind"] = "Generic",
        ["Acquirer:BaseUrl"] = new Uri(sandboxRoot, "sandbox/acquirer/").AbsoluteUri,
        ["Acquirer:ApiKey"] = AcquirerApiKey,
        ["Acquirer:WebhookSecret"] = AcquirerWebhookSecret,
    };
}
