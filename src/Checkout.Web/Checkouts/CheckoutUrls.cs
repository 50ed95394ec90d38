namespace Checkout.Web.Checkouts;

using Checkout.Web.Infrastructure.Options;

/// <summary>Where the shopper goes after Klarna. The checkout id in the URL identifies the attempt.</summary>
public static class CheckoutUrls
{
    public static Uri Return(Uri siteBase, Guid checkoutId) => new(siteBase, $"checkout/return?checkoutId={checkoutId}");

    public static string Confirmation(Guid checkoutId) => $"/checkout/confirmation?checkoutId={checkoutId}";

    /// <summary>The site's public root: <c>Checkout:PublicBaseUrl</c> when set (behind a proxy), else the request's own.</summary>
    public static Uri SiteBase(HttpRequest request, CheckoutSettings settings)
    {
        var configured = settings.PublicBaseUrl;
        var root = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured;
        return new Uri(root.EndsWith('/') ? root : root + "/");
    }
}
