namespace Checkout.Web.Infrastructure.Http;

using Checkout.Klarna;
using Checkout.Web.Brand;
using Checkout.Web.Infrastructure.Options;
using Microsoft.Extensions.Options;

/// <summary>
/// Security headers and a Content-Security-Policy. With Klarna's Web SDK (<c>Klarna:SdkUrl</c> on a Klarna host),
/// the policy allows exactly the hosts Klarna's "Browser security configuration for the Klarna web SDK" lists
/// (docs/klarna-test-environment.md); with any other SDK host (the emulator's stand-in) it allows our own origin
/// and that host only. No inline script either way.
/// </summary>
public sealed class SecurityHeaders
{
    /// <summary>The Web SDK's CDN: scripts, styles, fonts, frames and images.</summary>
    public const string KlarnaCdn = "https://x.klarnacdn.net";

    /// <summary>Where Klarna's test environment loads SDK code from, besides <c>js.klarna.com</c>.</summary>
    public const string PlaygroundScripts = "https://js.playground.klarna.com";

    /// <summary>Keeps the purchase journey's pop-up able to talk to the page that opened it.</summary>
    public const string CrossOriginOpenerPolicy = "same-origin-allow-popups";

    public SecurityHeaders(IOptions<KlarnaOptions> klarna, IOptions<SecuritySettings> security, IOptions<BrandSettings> brand)
    {
        ContentSecurityPolicy = PolicyFor(klarna.Value, security.Value.KlarnaOrigins, brand.Value.LogoOrigin);
    }

    public string ContentSecurityPolicy { get; }

    /// <summary>
    /// The policy for these Klarna settings: Klarna's list when its SDK is Klarna's, else our origin and the SDK's. The
    /// merchant's logo, when it is on another origin (<c>Brand:LogoUrl</c>), may load from there.
    /// </summary>
    public static string PolicyFor(KlarnaOptions klarna, IReadOnlyCollection<string> extraOrigins, string? logoOrigin = null)
    {
        ArgumentNullException.ThrowIfNull(klarna);
        string[] logo = string.IsNullOrEmpty(logoOrigin) ? [] : [logoOrigin];
        if (!Uri.TryCreate(klarna.SdkUrl, UriKind.Absolute, out var sdkUrl))
        {
            return Strict("'self'", logo);
        }
        var sdkOrigin = sdkUrl.GetLeftPart(UriPartial.Authority);
        if (!IsKlarnaHost(sdkUrl))
        {
            return Strict($"'self' {sdkOrigin}", logo);
        }
        var scripts = new List<string> { "'self'", KlarnaCdn, "https://js.klarna.com" };
        if (IsTestEnvironment(klarna))
        {
            scripts.Add(PlaygroundScripts);
        }
        scripts.Add(sdkOrigin);
        var extra = extraOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).ToArray();
        return Join(
            "default-src 'self'",
            Directive("script-src", scripts),
            Directive("style-src", ["'self'", "'unsafe-inline'", KlarnaCdn]),
            Directive("font-src", ["'self'", KlarnaCdn]),
            Directive("connect-src", ["'self'", "https://*.klarna.com", "https://*.klarnaevt.com", KlarnaCdn, .. extra]),
            Directive("frame-src", ["https://*.klarna.com", KlarnaCdn, .. extra]),
            Directive("img-src", ["'self'", "data:", KlarnaCdn, "https://*.klarna.com", .. extra, .. logo]),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'");
    }

    private static string Strict(string sources, string[] logo) => Join(
        "default-src 'self'", $"script-src {sources}", $"connect-src {sources}", $"frame-src {sources}", Directive("img-src", ["'self'", "data:", .. logo]),
        "style-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'");

    private static bool IsKlarnaHost(Uri url) =>
        url.Host.Equals("klarna.com", StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith(".klarna.com", StringComparison.OrdinalIgnoreCase);

    /// <summary>Klarna's test environment: its API host has <c>.test.</c> or its client ids start <c>klarna_test_</c>.</summary>
    public static bool IsTestEnvironment(KlarnaOptions klarna)
    {
        ArgumentNullException.ThrowIfNull(klarna);
        return (Uri.TryCreate(klarna.BaseUrl, UriKind.Absolute, out var api) && api.Host.Contains(".test.", StringComparison.OrdinalIgnoreCase))
            || klarna.ClientId.StartsWith("klarna_test_", StringComparison.Ordinal);
    }

    public Task Apply(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(self)";
        headers["Cross-Origin-Opener-Policy"] = CrossOriginOpenerPolicy;
        return next();
    }

    private static string Directive(string name, IEnumerable<string> sources) =>
        name + " " + string.Join(' ', sources.Distinct(StringComparer.Ordinal));

    private static string Join(params string[] directives) => string.Join("; ", directives);
}
