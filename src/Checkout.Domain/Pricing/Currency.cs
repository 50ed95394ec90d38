namespace Checkout.Domain.Pricing;

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

    public override string ToString() => Code;
}
