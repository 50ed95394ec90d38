namespace Checkout.Contract.Tests.TokenCharge;

using Checkout.Acquiring;
using Checkout.Domain.Pricing;

/// <summary>The renewal the token-charge tests send.</summary>
public static class Renewal
{
    public const string KlarnaToken = "krn:partner:eu1:test:identity:customer-token:Rt4iBjqKBMcontract";
    public const string AcquirerTokenId = "ctok_0123456789abcdef01234567";
    public const string Reference = "subscription-0c8a6f537d0e4f299a553c1e9b7b2a41-period-3";
    public const string Key = Reference + "-attempt-2";

    public static TokenChargeRequest Request(string storedToken, string key = Key, long amount = 999) => new(
        Reference,
        Money.Of(amount, "USD"),
        storedToken,
        key,
        new TokenChargeSubscription(
            "subscription-0c8a6f537d0e4f299a553c1e9b7b2a41", "premium-monthly", "Premium monthly", "Month", 1,
            new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 30, 0, 0, 0, TimeSpan.Zero)));
}
