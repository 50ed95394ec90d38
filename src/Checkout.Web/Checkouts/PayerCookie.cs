namespace Checkout.Web.Checkouts;

using System.Security.Cryptography;
using Checkout.Domain.Orders;
using Microsoft.AspNetCore.DataProtection;

/// <summary>
/// Marks the browser that started paying for a checkout: an HttpOnly cookie holding the checkout page's key (protected),
/// set when the payment starts. Only that browser's confirmation page shows the link to the subscription; the order id
/// alone, which is shown and sent as a reference, opens nothing.
/// </summary>
public sealed class PayerCookie(IDataProtectionProvider provider, IHostEnvironment environment)
{
    public const string Purpose = "Checkout.PayerCookie";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public static string NameFor(Guid checkoutId) => $"checkout-payer-{checkoutId:N}";

    public void Set(HttpContext context, Guid checkoutId, Guid checkoutKey) =>
        context.Response.Cookies.Append(NameFor(checkoutId), _protector.Protect(checkoutKey.ToString("N")), new CookieOptions
        {
            HttpOnly = true,
            Secure = !environment.IsDevelopment() || context.Request.IsHttps,
            // Lax: Klarna's journey brings the shopper back with a top-level navigation.
            SameSite = SameSiteMode.Lax,
            Path = "/checkout",
            MaxAge = Lifetime,
            IsEssential = true,
        });

    /// <summary>This request comes from the browser that started paying for <paramref name="order"/>.</summary>
    public bool IsPayer(HttpRequest request, Order order)
    {
        if (order.CheckoutKey is not { } key || request.Cookies[NameFor(order.Id)] is not { Length: > 0 and < 1000 } value)
        {
            return false;
        }
        try
        {
            return string.Equals(_protector.Unprotect(value), key.ToString("N"), StringComparison.Ordinal);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
