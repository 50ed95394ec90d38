using System.Globalization;

namespace Checkout.Sandbox.Klarna.Journey;

/// <summary>An amount as the journey shows it, with the currency's ISO 4217 exponent (JPY 0, USD 2, KWD 3).</summary>
internal static class MoneyText
{
    private static readonly HashSet<string> NoDecimals = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimals = new(StringComparer.Ordinal) { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };

    private static readonly HashSet<string> FourDecimals = new(StringComparer.Ordinal) { "CLF", "UYW" };

    public static string Format(long minorUnits, string currency)
    {
        var (divisor, decimals) = NoDecimals.Contains(currency) ? (1m, 0)
            : ThreeDecimals.Contains(currency) ? (1000m, 3)
            : FourDecimals.Contains(currency) ? (10000m, 4)
            : (100m, 2);
        return $"{(minorUnits / divisor).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)} {currency}";
    }
}
