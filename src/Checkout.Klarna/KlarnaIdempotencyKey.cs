namespace Checkout.Klarna;

using System.Security.Cryptography;
using System.Text;

/// <summary>
/// <c>Klarna-Idempotency-Key</c> values: UUIDv5 (RFC 9562, SHA-1 name-based) of the order and the
/// operation, as Klarna's integration-resilience guide asks. The same order and operation give the same
/// key on every retry and after a restart; two orders never share one.
/// </summary>
public static class KlarnaIdempotencyKey
{
    /// <summary>This checkout's namespace for its keys; changing it would re-key every operation in flight.</summary>
    public static readonly Guid Namespace = new("0c8a6f53-7d0e-4f29-9a55-3c1e9b7b2a41");

    public static string For(Guid orderId, string operation) =>
        NameBased(Namespace, $"order:{orderId:N}:{operation}").ToString("D");

    /// <summary>RFC 9562 section 5.5: SHA-1 of the namespace's bytes (network order) and the name, version 5, variant 10.</summary>
    public static Guid NameBased(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
#pragma warning disable CA5350 // RFC 9562 defines version 5 with SHA-1; it names a key, it protects nothing.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
