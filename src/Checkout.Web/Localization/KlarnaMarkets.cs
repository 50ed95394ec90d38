namespace Checkout.Web.Localization;

/// <summary>
/// Which countries Klarna takes each currency in: Klarna accepts only a market's own currency, and its locale names
/// the market (de-DE: Germany). From Klarna's published list of countries, currencies and locales; a currency not in
/// this table (a merchant's own arrangement with Klarna) is not checked.
/// </summary>
public static class KlarnaMarkets
{
    private static readonly Dictionary<string, string[]> Countries = new(StringComparer.Ordinal)
    {
        ["AUD"] = ["AU"],
        ["CAD"] = ["CA"],
        ["CHF"] = ["CH"],
        ["CZK"] = ["CZ"],
        ["DKK"] = ["DK"],
        ["EUR"] = ["AT", "BE", "DE", "ES", "FI", "FR", "GR", "IE", "IT", "NL", "PT"],
        ["GBP"] = ["GB"],
        ["NOK"] = ["NO"],
        ["NZD"] = ["NZ"],
        ["PLN"] = ["PL"],
        ["RON"] = ["RO"],
        ["SEK"] = ["SE"],
        ["USD"] = ["US"],
    };

    /// <summary>The country of a Klarna locale such as de-DE or en-GB; null when it names none.</summary>
    public static string? Country(string? locale) =>
        locale?.Split('-') is [_, var region] && region.Length == 2 ? region.ToUpperInvariant() : null;

    /// <summary>Klarna takes <paramref name="currency"/> in the market <paramref name="locale"/> names (true for a currency or locale this table does not know).</summary>
    public static bool Accepts(string currency, string? locale) =>
        Country(locale) is not { } country || !Countries.TryGetValue(currency, out var countries) || countries.Contains(country, StringComparer.Ordinal);
}
