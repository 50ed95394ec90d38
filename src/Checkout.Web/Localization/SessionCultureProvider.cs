namespace Checkout.Web.Localization;

using Checkout.Web.Orders;
using Checkout.Web.Sessions;
using Microsoft.AspNetCore.Localization;

/// <summary>
/// The culture of the store's checkout session the page belongs to: its <c>locale</c>, or the supported culture of
/// the same language (de-AT reads German). The checkout page names the session (<c>?session=</c>), its return and
/// confirmation pages the order (<c>?checkoutId=</c>) the session paid for. Nothing for any other request.
/// </summary>
public sealed class SessionCultureProvider(IReadOnlyList<string> supported) : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var locale = await LocaleAsync(httpContext);
        return SupportedCulture.Closest(supported, locale) is { } culture ? new ProviderCultureResult(culture) : null;
    }

    private static async Task<string?> LocaleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !request.Path.StartsWithSegments("/checkout", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var services = context.RequestServices;
        var cancellation = context.RequestAborted;
        Guid? sessionId = Guid.TryParse(request.Query["session"], out var named) ? named : null;
        if (sessionId is null && Guid.TryParse(request.Query["checkoutId"], out var checkoutId))
        {
            sessionId = (await services.GetRequiredService<OrderStore>().FindAsync(checkoutId, cancellation))?.CheckoutSessionId;
        }
        return sessionId is { } id ? (await services.GetRequiredService<CheckoutSessionStore>().FindAsync(id, cancellation))?.Locale : null;
    }
}
