namespace Storefront;

using System.Security.Cryptography;

/// <summary>
/// Stands in for the store's own sign-in: each browser is an account, named by a random id in an HttpOnly cookie. The
/// id is the session's <c>client_reference_id</c>, so the checkout's answers and events say whose they are.
/// </summary>
public static class ShopperAccount
{
    private const string Cookie = "store-account";

    public static string Of(HttpContext context)
    {
        if (context.Request.Cookies[Cookie] is { Length: 32 } id)
        {
            return id;
        }
        id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        // Lax: the cookie comes back on the checkout's redirect to the return page.
        context.Response.Cookies.Append(Cookie, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(30),
        });
        return id;
    }
}
