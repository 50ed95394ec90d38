namespace Checkout.Web.KlarnaSetup;

using Checkout.Klarna;
using Checkout.Klarna.Notifications;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;

/// <summary><c>klarna check</c>: one line per check, "ok" or what to do; exit code 1 when any fails.</summary>
public static class KlarnaChecks
{
    public const string SdkUrl = "https://js.klarna.com/web-sdk/v2/klarna.mjs";

    /// <summary>Hosts the Web SDK loads from or talks to, by CSP directive (Klarna's "Browser security configuration").</summary>
    private static readonly (string Directive, string Host)[] SdkHosts =
    [
        ("script-src", "js.klarna.com"), ("script-src", "x.klarnacdn.net"),
        ("connect-src", "js.klarna.com"), ("connect-src", "x.klarnacdn.net"), ("connect-src", "x.klarnaevt.com"),
        ("frame-src", "js.klarna.com"), ("style-src", "x.klarnacdn.net"), ("font-src", "x.klarnacdn.net"),
    ];

    public static async Task<int> RunAsync(
        NotificationClient client, KlarnaTarget target, SecuritySettings security, TextWriter output, CancellationToken cancellationToken)
    {
        var failed = 0;
        async Task Report(string check, string? problem)
        {
            failed += problem is null ? 0 : 1;
            await output.WriteLineAsync(problem is null ? $"ok    {check}" : $"FAIL  {problem}");
        }

        // Unreachable or a rejected key: that one line says it all (a KlarnaNotificationException), the rest is not checked.
        var webhooks = await client.ListWebhooksAsync(cancellationToken);
        await Report($"Klarna accepts the API key at {target.BaseUrl.GetLeftPart(UriPartial.Authority)}", null);

        await Report($"webhook for {KlarnaCommands.CompletedEvent} at {target.AppWebhookUrl}", WebhookProblem(target, webhooks));
        var environment = EnvironmentOf(target.BaseUrl);
        await Report($"client id {target.ClientId} is {(environment == "emulator" ? "an" : "a")} {environment} one", ClientIdProblem(target, environment));
        await Report($"SDK URL {target.SdkUrl}", SdkUrlProblem(target, environment));
        await Report("Content-Security-Policy allows the SDK's hosts", environment == "emulator" ? null : CspProblem(target, security));
        return failed == 0 ? 0 : 1;
    }

    private static string? WebhookProblem(KlarnaTarget target, IReadOnlyList<WebhookRegistration> webhooks)
    {
        if (target.AppWebhookUrl is not { } url)
        {
            return "Checkout:PublicBaseUrl is not set: set it to the app's public https root so the webhook URL can be checked.";
        }
        var matching = webhooks.Where(webhook => KlarnaCommands.SameUrl(webhook.Url, url) && webhook.EventTypes.Contains(KlarnaCommands.CompletedEvent)).ToList();
        if (matching.Count == 0)
        {
            return $"no webhook for {KlarnaCommands.CompletedEvent} at {url}: run dotnet run --project src/Checkout.Web -- klarna setup --webhook-url {url}";
        }
        if (matching.FirstOrDefault(webhook => webhook.Status == "ENABLED") is not { } enabled)
        {
            return $"the webhook at {url} ({matching[0].Id}) is {matching[0].Status}: enable it in the Klarna Portal, or delete it and run klarna setup.";
        }
        return target.SigningKeyIds.Contains(enabled.SigningKeyId)
            ? null
            : $"the webhook at {url} signs with {enabled.SigningKeyId}, which is not in Klarna:WebhookSigningKeys: set Klarna:WebhookSigningKeys:{enabled.SigningKeyId} to its secret, or delete the webhook (klarna webhooks delete {enabled.Id}) and run klarna setup.";
    }

    private static string EnvironmentOf(Uri baseUrl) => baseUrl.Host.ToLowerInvariant() switch
    {
        var host when host.EndsWith(".test.klarna.com", StringComparison.Ordinal) => "test",
        var host when host.EndsWith(".klarna.com", StringComparison.Ordinal) => "live",
        _ => "emulator",
    };

    private static string? ClientIdProblem(KlarnaTarget target, string environment)
    {
        var prefix = environment == "live" ? "klarna_live_client_" : "klarna_test_client_";
        return target.ClientId.StartsWith(prefix, StringComparison.Ordinal)
            ? null
            : $"Klarna:ClientId \"{target.ClientId}\" does not start with {prefix}, but Klarna:BaseUrl {target.BaseUrl} is the {environment} environment: use a client id from the same environment.";
    }

    private static string? SdkUrlProblem(KlarnaTarget target, string environment)
    {
        if (environment == "emulator")
        {
            return Uri.IsWellFormedUriString(target.SdkUrl, UriKind.Absolute)
                ? null
                : $"Klarna:SdkUrl \"{target.SdkUrl}\" is not an absolute URL: set it to the emulator's web-sdk/v2/klarna.mjs.";
        }
        return string.Equals(target.SdkUrl, SdkUrl, StringComparison.Ordinal)
            ? null
            : $"Klarna:SdkUrl is \"{target.SdkUrl}\" but Klarna:BaseUrl is Klarna's {environment} API: set Klarna:SdkUrl to {SdkUrl}.";
    }

    private static string? CspProblem(KlarnaTarget target, SecuritySettings security)
    {
        if (string.IsNullOrEmpty(target.SdkUrl))
        {
            return "Klarna:SdkUrl is empty: set it to " + SdkUrl + ".";
        }
        var klarna = new KlarnaOptions { SdkUrl = target.SdkUrl, BaseUrl = target.BaseUrl.AbsoluteUri, ClientId = target.ClientId };
        var policy = SecurityHeaders.PolicyFor(klarna, security.KlarnaOrigins);
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length > 0)
            .ToDictionary(parts => parts[0], parts => parts[1..], StringComparer.OrdinalIgnoreCase);
        var sdkOrigin = new Uri(target.SdkUrl).GetLeftPart(UriPartial.Authority);
        var needed = SecurityHeaders.IsTestEnvironment(klarna) ? [.. SdkHosts, ("script-src", "js.playground.klarna.com")] : SdkHosts;
        var missing = needed.Where(need => !Allows(directives.GetValueOrDefault(need.Directive) ?? [], need.Host))
            .Select(need => $"https://{need.Host} in {need.Directive}")
            .ToList();
        if (!(directives.GetValueOrDefault("script-src") ?? []).Contains(sdkOrigin, StringComparer.OrdinalIgnoreCase)
            && !Allows(directives.GetValueOrDefault("script-src") ?? [], new Uri(sdkOrigin).Host))
        {
            missing.Insert(0, $"{sdkOrigin} in script-src");
        }
        return missing.Count == 0
            ? null
            : $"the Content-Security-Policy does not allow {string.Join(", ", missing)}: add Klarna's origins to Security:KlarnaOrigins.";
    }

    private static bool Allows(string[] sources, string host) => sources.Any(source =>
        Uri.TryCreate(source.Replace("*.", "wildcard.", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && (source.Contains("://*.", StringComparison.Ordinal)
            ? host.EndsWith(uri.Host["wildcard".Length..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase)));
}
