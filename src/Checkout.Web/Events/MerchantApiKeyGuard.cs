namespace Checkout.Web.Events;

using System.Security.Cryptography;
using System.Text;

/// <summary>
/// The merchant API's door until its authentication scheme lands: off (404) unless <c>Merchant:ApiKeys</c> lists a
/// key; then <c>Authorization: Bearer &lt;one of them&gt;</c>, compared in constant time (as SHA-256 digests), or 401.
/// </summary>
public sealed class MerchantApiKeyGuard(IConfiguration configuration) : IEndpointFilter
{
    public const string Setting = "Merchant:ApiKeys";

    private readonly byte[][] _digests = [.. (configuration.GetSection(Setting).Get<string[]>() ?? [])
        .Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Digest(k.Trim()))];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_digests.Length == 0)
        {
            return TypedResults.NotFound();
        }
        var header = context.HttpContext.Request.Headers.Authorization;
        var presented = header.Count == 1 && header[0] is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;
        if (!Matches(presented))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem($"Send Authorization: Bearer <one of {Setting}>.", statusCode: StatusCodes.Status401Unauthorized, title: "Not authorized");
        }
        return await next(context);
    }

    private bool Matches(string? presented)
    {
        if (presented is null)
        {
            return false;
        }
        var digest = Digest(presented.Trim());
        var matched = false;
        foreach (var key in _digests)
        {
            // Every key compared, so the time taken says nothing of which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(key, digest);
        }
        return matched;
    }

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
