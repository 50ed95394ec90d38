namespace Checkout.Web.KlarnaSetup;


/// <summary>The Klarna account the verbs talk to, from the app's settings (in Development, the local emulator's).</summary>
public sealed record KlarnaTarget(
    Uri BaseUrl, string ApiKey, string ClientId, string? SdkUrl, IReadOnlyCollection<string> SigningKeyIds, Uri? PublicBaseUrl)
{
    public const string WebhookPath = "api/webhooks/klarna";

    public Uri? AppWebhookUrl => PublicBaseUrl is null ? null : new Uri(PublicBaseUrl, WebhookPath);

    /// <summary>The target the settings name; the first setting missing or malformed is one line that says what to set.</summary>
    public static KlarnaTarget From(KlarnaCommandSettings settings)
    {
        var baseUrl = settings.Klarna.BaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            throw new KlarnaSetupException("Klarna:BaseUrl is empty: set it to https://api-global.test.klarna.com/ (or run in Development for the local emulator).");
        }
        if (!Uri.TryCreate(WithSlash(baseUrl), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new KlarnaSetupException($"Klarna:BaseUrl \"{baseUrl}\" is not an absolute URL, e.g. https://api-global.test.klarna.com/.");
        }
        if (string.IsNullOrWhiteSpace(settings.Klarna.ApiKey))
        {
            throw new KlarnaSetupException("Klarna:ApiKey is empty: set it with dotnet user-secrets --project src/Checkout.Web set Klarna:ApiKey <key>.");
        }
        return new KlarnaTarget(
            uri, settings.Klarna.ApiKey, settings.Klarna.ClientId, settings.Klarna.SdkUrl,
            settings.Klarna.WebhookSigningKeys.Keys, PublicBase(settings.Checkout.PublicBaseUrl));
    }

    private static Uri? PublicBase(string? value) =>
        Uri.TryCreate(WithSlash(value ?? ""), UriKind.Absolute, out var uri) ? uri : null;

    private static string WithSlash(string url) => url.Length == 0 || url.EndsWith('/') ? url : url + "/";
}
