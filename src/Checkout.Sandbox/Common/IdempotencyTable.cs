using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Checkout.Sandbox.Common;

internal sealed record StoredResponse(int StatusCode, byte[] Body, string ContentType)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

internal enum IdempotencyOutcome
{
    Executed,
    Replayed,
    KeyReusedWithDifferentBody,
}

/// <summary>
/// The same key with the same body gives the stored response; only successful responses are stored,
/// so a client can correct a rejected request and retry with its key.
/// </summary>
internal class IdempotencyTable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public (IdempotencyOutcome Outcome, StoredResponse Response) Run(
        string key, ReadOnlySpan<byte> body, Func<StoredResponse> execute)
    {
        var fingerprint = SHA256.HashData(body);
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            if (entry.Response is not null)
            {
                return CryptographicOperations.FixedTimeEquals(entry.Fingerprint, fingerprint)
                    ? (IdempotencyOutcome.Replayed, entry.Response)
                    : (IdempotencyOutcome.KeyReusedWithDifferentBody, entry.Response);
            }

            var response = execute();
            if (response.IsSuccess)
            {
                entry.Fingerprint = fingerprint;
                entry.Response = response;
            }

            return (IdempotencyOutcome.Executed, response);
        }
    }

    private sealed class Entry
    {
        public byte[] Fingerprint { get; set; } = [];

        public StoredResponse? Response { get; set; }
    }
}
