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
        entry.Gate.Wait();
        try
        {
            return Replay(entry, fingerprint) ?? Store(entry, fingerprint, execute());
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>As <see cref="Run"/>, for work that awaits; concurrent calls with one key run one after the other.</summary>
    public async Task<(IdempotencyOutcome Outcome, StoredResponse Response)> RunAsync(
        string key, byte[] body, Func<Task<StoredResponse>> execute)
    {
        var fingerprint = SHA256.HashData(body);
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        await entry.Gate.WaitAsync();
        try
        {
            return Replay(entry, fingerprint) ?? Store(entry, fingerprint, await execute());
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private static (IdempotencyOutcome, StoredResponse)? Replay(Entry entry, byte[] fingerprint) =>
        entry.Response is null ? null
        : CryptographicOperations.FixedTimeEquals(entry.Fingerprint, fingerprint) ? (IdempotencyOutcome.Replayed, entry.Response)
        : (IdempotencyOutcome.KeyReusedWithDifferentBody, entry.Response);

    private static (IdempotencyOutcome, StoredResponse) Store(Entry entry, byte[] fingerprint, StoredResponse response)
    {
        if (response.IsSuccess)
        {
            entry.Fingerprint = fingerprint;
            entry.Response = response;
        }

        return (IdempotencyOutcome.Executed, response);
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public byte[] Fingerprint { get; set; } = [];

        public StoredResponse? Response { get; set; }
    }
}
