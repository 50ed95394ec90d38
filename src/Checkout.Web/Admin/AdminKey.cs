namespace Checkout.Web.Admin;

using System.Security.Cryptography;
using System.Text;
using Checkout.Web.Infrastructure.Options;
using Microsoft.Extensions.Options;

/// <summary><c>Admin:Key</c>, compared in constant time (as SHA-256 digests, so the lengths match too).</summary>
public sealed class AdminKey(IOptions<AdminSettings> settings)
{
    private readonly byte[]? _digest = settings.Value.Enabled ? Digest(settings.Value.Key!.Trim()) : null;

    /// <summary>
    /// Names this key without giving it away (an HMAC of a label under the key): the operator's cookie carries it, and a
    /// cookie made under another key is refused, so changing <c>Admin:Key</c> signs every operator out.
    /// </summary>
    public string Version { get; } = settings.Value.Enabled
        ? Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.Value.Key!.Trim()), "checkout-operator-key-version"u8))[..32]
        : "";

    public bool Matches(string? candidate) =>
        _digest is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(_digest, Digest(candidate.Trim()));

    public bool IsCurrentVersion(string? version) =>
        version is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Version), Encoding.ASCII.GetBytes(version));

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
