namespace Checkout.Domain.Pricing;

using System.Globalization;

/// <summary>An ISO 4217 currency, with its minor-unit exponent.</summary>
public sealed record Currency
{
    private Currency(string code, int exponent) => (Code, Exponent) = (code, exponent);

    public string Code { get; }

    /// <summary>Decimals of the minor unit: 0 for JPY, 2 for USD, 3 for KWD.</summary>
    public int Exponent { get; }

    public static bool TryParse(string? code, out Currency currency)
    {
        if (Iso4217.Exponent(code) is { } exponent)
        {
            currency = new Currency(code!, exponent);
            return true;
        }
        currency = null!;
        return false;
    }

    public static Currency Parse(string code) =>
        TryParse(code, out var currency) ? currency : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code.", nameof(code));

    /// <summary>
    /// The symbol a reader of <paramref name="culture"/> (a language and region; none for the invariant culture) knows for this currency, or null to write its code: € and £
    /// everywhere, since each names one currency; the culture's own currency by its own symbol (kr in sv-SE), unless
    /// that symbol is a dollar sign, which many currencies share (so 9.99 USD stays 9.99 USD, as en-US pages always wrote it).
    /// </summary>
    public string? SymbolIn(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (culture.IsNeutralCulture || string.IsNullOrEmpty(culture.Name))
        {
            return null;
        }
        switch (Code)
        {
            case "EUR":
                return "€";
            case "GBP":
                return "£";
        }
        var own = new RegionInfo(culture.Name);
        var symbol = culture.NumberFormat.CurrencySymbol;
        return own.ISOCurrencySymbol == Code && !symbol.Contains('$', StringComparison.Ordinal) ? symbol : null;
    }

    public override string ToString() => Code;
}
