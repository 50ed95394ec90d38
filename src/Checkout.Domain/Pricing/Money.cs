using System.Globalization;

namespace Checkout.Domain.Pricing;

/// <summary>An amount in minor units (cents, öre, yen) of one currency. Never a floating-point number.</summary>
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

    /// <summary>Formats for people: 9.99 USD, 1400 JPY.</summary>
    public string Display()
    {
        var divisor = (decimal)Math.Pow(10, Currency.Exponent);
        var major = MinorUnits / divisor;
        return string.Create(CultureInfo.InvariantCulture, $"{major.ToString("N" + Currency.Exponent, CultureInfo.InvariantCulture)} {Currency.Code}");
    }

    public override string ToString() => Display();
}
