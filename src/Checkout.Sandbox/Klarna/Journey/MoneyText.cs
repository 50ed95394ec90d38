using System.Globalization;

namespace Checkout.Sandbox.Klarna.Journey;

internal static class MoneyText
{
    private static readonly HashSet<string> ZeroDecimalCurrencies = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    public static string Format(long minorUnits, string currency) =>
        ZeroDecimalCurrencies.Contains(currency)
            ? $"{minorUnits.ToString("N0", CultureInfo.InvariantCulture)} {currency}"
            : $"{(minorUnits / 100m).ToString("N2", CultureInfo.InvariantCulture)} {currency}";
}
