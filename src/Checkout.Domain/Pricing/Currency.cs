namespace Checkout.Domain.Pricing;

/// <summary>An ISO 4217 currency this checkout accepts, with its minor-unit exponent.</summary>
public sealed record Currency
{
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.Ordinal)
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2,
        ["CHF"] = 2, ["AUD"] = 2, ["CAD"] = 2, ["NZD"] = 2, ["PLN"] = 2, ["CZK"] = 2, ["JPY"] = 0,
    };

    private Currency(string code, int exponent) => (Code, Exponent) = (code, exponent);

    public string Code { get; }

    public int Exponent { get; }

    public static bool TryParse(string? code, out Currency currency)
    {
        if (code is not null && Exponents.TryGetValue(code, out var exponent))
        {
            currency = new Currency(code, exponent);
            return true;
        }
        currency = null!;
        return false;
    }

    public static Currency Parse(string code) =>
        TryParse(code, out var currency) ? currency : throw new ArgumentException($"Unsupported currency '{code}'.", nameof(code));

    public override string ToString() => Code;
}
