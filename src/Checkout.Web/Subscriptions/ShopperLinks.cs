namespace Checkout.Web.Subscriptions;

using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

/// <summary>
/// The shopper's link to their subscription: its id protected with the app's key ring (shared by every instance
/// through the database), so the link needs no password and cannot be guessed or altered into another's.
/// </summary>
public sealed class ShopperLinks(IDataProtectionProvider provider)
{
    public const string Purpose = "Checkout.Subscriptions.ShopperLink";

    private const string PathPrefix = "/subscription/";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>A URL-safe token naming the subscription.</summary>
    public string TokenFor(Guid subscriptionId) => _protector.Protect(subscriptionId.ToString("N"));

    public string PathFor(Guid subscriptionId) => "/subscription/" + TokenFor(subscriptionId);

    /// <summary>A request path with the link's token replaced, for logs and traces: the link is all a shopper needs to cancel.</summary>
    public static string Redact(string path)
    {
        if (!path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }
        var rest = path.AsSpan(PathPrefix.Length);
        var slash = rest.IndexOf('/');
        return PathPrefix + "{token}" + (slash < 0 ? "" : rest[slash..].ToString());
    }

    /// <summary>The subscription the token names; null when it was altered, made with another key ring, or is no token at all.</summary>
    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }
        try
        {
            return Guid.TryParseExact(_protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
