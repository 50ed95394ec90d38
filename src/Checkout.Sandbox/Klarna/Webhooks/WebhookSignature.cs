using System.Security.Cryptography;
using System.Text;

namespace Checkout.Sandbox.Klarna.Webhooks;

internal static class WebhookSignature
{
    public const string KeyIdHeader = "Klarna-Signing-Key-Id";
    public const string SignatureHeader = "Klarna-Signature";

    /// <summary>Lower-case hex HMAC-SHA256 of the raw body, keyed with the UTF-8 bytes of the signing key.</summary>
    public static string Compute(string signingKey, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), body));
}
