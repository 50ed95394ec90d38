using System.Security.Cryptography;
using System.Text;

namespace Checkout.Sandbox.Common;

/// <summary>Name-based UUIDs, version 5 (RFC 4122 section 4.3): SHA-1 over the namespace UUID and the UTF-8 name.</summary>
internal static class DeterministicUuid
{
    public static Guid Create(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
#pragma warning disable CA5350 // RFC 4122 version 5 is defined on SHA-1; this names a request, it protects nothing.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
