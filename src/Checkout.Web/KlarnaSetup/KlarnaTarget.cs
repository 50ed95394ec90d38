namespace Checkout.Web.KlarnaSetup;

using System.Net;
using System.Text.Json;
using Checkout.Web.Infrastructure.Options;

/// <summary>The Klarna account the verbs talk to: the app's settings, or a running sandbox's (<c>--sandbox URL</c>).</summary>
public sealed record KlarnaTarget(
    Uri BaseUrl, string ApiKey, string ClientId, string? SdkUrl, IReadOnlyCollection<string> SigningKeyIds, Uri? PublicBaseUrl, bool IsSandbox)
{
    public const string WebhookPath = "api/webhooks/klarna";

    public Uri? AppWebhookUrl => PublicBaseUrl is null ? null : new Uri(PublicBaseUrl, WebhookPath);

    public static KlarnaTarget FromConfiguration(IConfiguration configuration)
    {
        var baseUrl = configuration["Klarna:BaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            throw new KlarnaSetupException(
                "Klarna:BaseUrl is empty (the in-process sandbox): run the app and add --sandbox http://localhost:5080, or set Klarna:BaseUrl.");
        }
        if (!Uri.TryCreate(WithSlash(baseUrl), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new KlarnaSetupException($"Klarna:BaseUrl \"{baseUrl}\" is not an absolute URL, e.g. https://api-global.test.klarna.com/.");
        }
        var apiKey = configuration["Klarna:ApiKey"];
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new KlarnaSetupException("Klarna:ApiKey is empty: set it with dotnet user-secrets --project src/Checkout.Web set Klarna:ApiKey <key>.");
        }
        return new KlarnaTarget(
            uri, apiKey, configuration["Klarna:ClientId"] ?? "", configuration["Klarna:SdkUrl"],
            SigningKeyConfiguration.Read(configuration).Keys, PublicBase(configuration["Checkout:PublicBaseUrl"]), IsSandbox: false);
    }

    /// <summary>Reads <c>GET {sandbox}/sandbox/credentials</c> of a running app (Development, loopback only).</summary>
    public static async Task<KlarnaTarget> FromSandboxAsync(HttpClient http, string sandbox, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(WithSlash(sandbox), UriKind.Absolute, out var root) || root.Scheme is not ("https" or "http"))
        {
            throw new KlarnaSetupException($"--sandbox \"{sandbox}\" is not an absolute URL, e.g. http://localhost:5080.");
        }
        JsonElement credentials;
        try
        {
            using var response = await http.GetAsync(new Uri(root, "sandbox/credentials"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new KlarnaSetupException(
                    $"{root}sandbox/credentials answered 404: the sandbox serves it only in Development, to callers on the same machine.");
            }
            response.EnsureSuccessStatusCode();
            credentials = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            throw new KlarnaSetupException(
                $"The sandbox is unreachable at {root.GetLeftPart(UriPartial.Authority)}: start the app first (dotnet run --project src/Checkout.Web).");
        }

        var keyIds = SigningKeyConfiguration.Read(configuration).Keys.ToHashSet(StringComparer.Ordinal);
        if (Text(credentials, "klarna_webhook_signing_key_id") is { } sandboxKeyId)
        {
            keyIds.Add(sandboxKeyId);
        }
        return new KlarnaTarget(
            new Uri(Text(credentials, "klarna_base_url") ?? new Uri(root, "sandbox/klarna/").AbsoluteUri),
            Text(credentials, "klarna_api_key") ?? "",
            Text(credentials, "klarna_client_id") ?? "",
            configuration["Klarna:SdkUrl"],
            keyIds,
            PublicBase(configuration["Checkout:PublicBaseUrl"]) ?? root,
            IsSandbox: true);
    }

    private static Uri? PublicBase(string? value) =>
        Uri.TryCreate(WithSlash(value ?? ""), UriKind.Absolute, out var uri) ? uri : null;

    private static string WithSlash(string url) => url.Length == 0 || url.EndsWith('/') ? url : url + "/";

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
