namespace Checkout.Web.Localization;

using System.Globalization;

/// <summary>The locale Klarna's SDK is asked for, and the one sentence a shopper reads when Klarna cannot take a plan's currency in their market.</summary>
public static class KlarnaLocale
{
    /// <summary>The checkout session's locale as the store sent it (de-AT, which Klarna knows), else the request's culture.</summary>
    public static string For(string? sessionLocale) =>
        string.IsNullOrWhiteSpace(sessionLocale) ? CultureInfo.CurrentUICulture.Name : sessionLocale;

    /// <summary>Null when Klarna takes <paramref name="currency"/> in <paramref name="locale"/>'s market (<see cref="KlarnaMarkets"/>).</summary>
    public static string? Refusal(string currency, string locale, ShopperText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (KlarnaMarkets.Accepts(currency, locale))
        {
            return null;
        }
        var country = new RegionInfo(KlarnaMarkets.Country(locale)!).NativeName;
        return text["Klarna does not take {0} in this market ({1}), so this plan cannot be paid with Klarna here. Nothing was charged.", currency, country];
    }
}
