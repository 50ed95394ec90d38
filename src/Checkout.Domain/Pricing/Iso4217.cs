namespace Checkout.Domain.Pricing;

using System.Collections.Frozen;

/// <summary>
/// The active ISO 4217 currency codes and their minor-unit exponents (List One, as published by SIX). Codes
/// without minor units (gold, special drawing rights, test codes) are left out: nothing can be priced in them.
/// </summary>
public static class Iso4217
{
    private static readonly FrozenSet<string> NoDecimals = FrozenSet.ToFrozenSet(
    [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> ThreeDecimals = FrozenSet.ToFrozenSet(
        ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> FourDecimals = FrozenSet.ToFrozenSet(["CLF", "UYW"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> TwoDecimals = FrozenSet.ToFrozenSet(
    [
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND", "BOB", "BOV",
        "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUP", "CVE",
        "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
        "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP",
        "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR",
        "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB",
        "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS",
        "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UYU", "UZS", "VED", "VES", "WST", "XCD", "XCG", "YER",
        "ZAR", "ZMW", "ZWG",
    ], StringComparer.Ordinal);

    /// <summary>The number of decimals of <paramref name="code"/>'s minor unit (JPY 0, USD 2, KWD 3), or null when it is no ISO 4217 code.</summary>
    public static int? Exponent(string? code) => code switch
    {
        null => null,
        _ when TwoDecimals.Contains(code) => 2,
        _ when NoDecimals.Contains(code) => 0,
        _ when ThreeDecimals.Contains(code) => 3,
        _ when FourDecimals.Contains(code) => 4,
        _ => null,
    };
}
