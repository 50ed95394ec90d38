using System.Globalization;

namespace Checkout.Domain.Pricing;

/// <summary>An amount in minor units (cents, öre, yen, fils) of one currency. Never a floating-point number.</summary>
public readonly record struct Money
{
    public Money(long minorUnits, Currency currency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minorUnits);
        MinorUnits = minorUnits;
        Currency = currency ?? throw new ArgumentNullException(nameof(currency));
    }

    public long MinorUnits { get; }

    public Currency Currency { get; }

    public bool IsZero => MinorUnits == 0;

    public static Money Of(long minorUnits, string currency) => new(minorUnits, Currency.Parse(currency));

    /// <summary>The amount in major units, exactly: 999 USD cents are 9.99, 1400 yen 1400, 12345 KWD fils 12.345.</summary>
    public decimal Major => new decimal(MinorUnits) / Pow10(Currency.Exponent);

    /// <summary>
    /// Formats for people, with the currency's own number of decimals: 9.99 USD, 1,400 JPY, 12.345 KWD. Every amount
    /// a page or message shows goes through here; <paramref name="culture"/> sets the separators (invariant by default).
    /// </summary>
    public string Display(IFormatProvider? culture = null)
    {
        if (culture is CultureInfo shopper && Currency.SymbolIn(shopper) is { } symbol)
        {
            var format = (NumberFormatInfo)shopper.NumberFormat.Clone();
            format.CurrencySymbol = symbol;
            format.CurrencyDecimalDigits = Currency.Exponent;
            return Major.ToString("C", format);
        }
        var number = Major.ToString("N" + Currency.Exponent.ToString(CultureInfo.InvariantCulture), culture ?? CultureInfo.InvariantCulture);
        return $"{number} {Currency.Code}";
    }

    public override string ToString() => Display(CultureInfo.InvariantCulture);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }
        return result;
    }
}
