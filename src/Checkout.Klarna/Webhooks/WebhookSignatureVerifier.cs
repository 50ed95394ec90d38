namespace Checkout.Klarna.Webhooks;

using System.Security.Cryptography;
using System.Text;

/// <summary>
/// Checks <c>Klarna-Signature</c>: HMAC-SHA256 of the raw body with the key named by
/// <c>Klarna-Signing-Key-Id</c>, sent as hex or base64, compared in constant time.
/// </summary>
public sealed class WebhookSignatureVerifier(IReadOnlyDictionary<string, string> signingKeys)
{
    public const string KeyIdHeader = "Klarna-Signing-Key-Id";
    public const string SignatureHeader = "Klarna-Signature";

    public SignatureCheck Verify(string? keyId, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(signature))
        {
            return SignatureCheck.MissingHeader;
        }
        if (!signingKeys.TryGetValue(keyId, out var secret) || string.IsNullOrEmpty(secret))
        {
            return SignatureCheck.UnknownKey;
        }
        if (Decode(signature.Trim()) is not { } presented)
        {
            return SignatureCheck.Malformed;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, presented) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static byte[]? Decode(string signature)
    {
        if (signature.Length == 64)
        {
            try
            {
                return Convert.FromHexString(signature);
            }
            catch (FormatException)
            {
                return null;
            }
        }
        var buffer = new byte[32];
        return Convert.TryFromBase64String(signature, buffer, out var written) && written == 32 ? buffer : null;
    }
}
