namespace Checkout.Web.Infrastructure.Http;

using Checkout.Klarna;
using Microsoft.Extensions.Options;

/// <summary>
/// Security headers and a Content-Security-Policy built from configuration: our own origin, the Web
/// SDK's origin, and Klarna's origins (<c>Security:KlarnaOrigins</c>). No inline script is allowed.
/// </summary>
public sealed class SecurityHeaders
{
    private static readonly string[] DefaultKlarnaOrigins =
        ["https://*.klarna.com", "https://*.klarnaservices.com", "https://*.klarnacdn.net", "https://*.klarnaevt.com"];

    public SecurityHeaders(IOptions<KlarnaOptions> klarna, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Security:KlarnaOrigins").Get<string[]>() ?? DefaultKlarnaOrigins;
        var sdk = Uri.TryCreate(klarna.Value.SdkUrl, UriKind.Absolute, out var sdkUri) ? sdkUri.GetLeftPart(UriPartial.Authority) : null;
        var klarnaSources = string.Join(' ', (sdk is null ? origins : origins.Prepend(sdk)).Distinct(StringComparer.Ordinal));
        var external = string.IsNullOrWhiteSpace(klarna.Value.SdkUrl) ? "" : " " + klarnaSources;
        ContentSecurityPolicy = string.Join("; ",
            "default-src 'self'",
            $"script-src 'self'{external}",
            $"connect-src 'self'{external}",
            $"frame-src 'self'{external}",
            $"img-src 'self' data:{external}",
            $"style-src 'self'{external}",
            $"font-src 'self'{external}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'");
    }

    public string ContentSecurityPolicy { get; }

    public Task Apply(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(self)";
        // The purchase journey's pop-up must still be able to talk to the page that opened it.
        headers["Cross-Origin-Opener-Policy"] = "same-origin-allow-popups";
        return next();
    }
}
