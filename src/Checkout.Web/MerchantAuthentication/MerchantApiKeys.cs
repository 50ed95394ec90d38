namespace Checkout.Web.MerchantAuthentication;

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

/// <summary>
/// <c>Merchant:ApiKeys</c>, compared in constant time: as SHA-256 digests (so the lengths match too), and against every
/// configured key whichever matches, so the time says nothing about which key or how much of it was right.
/// </summary>
public sealed class MerchantApiKeys(IOptions<MerchantApiKeySettings> settings)
{
    private readonly byte[][] _digests = [.. settings.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Digest(k.Trim()))];

    /// <summary>False while no key is set: the merchant API is off.</summary>
    public bool Enabled => _digests.Length > 0;

    public bool Matches(string? candidate)
    {
        if (candidate is null)
        {
            return false;
        }
        var digest = Digest(candidate.Trim());
        var matched = false;
        foreach (var known in _digests)
        {
            matched |= CryptographicOperations.FixedTimeEquals(known, digest);
        }
        return matched;
    }

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
