using System.Collections.Concurrent;
using Checkout.Sandbox.Common;

namespace Checkout.Sandbox.Klarna;

internal sealed record IssuedSessionToken(string Token, DateTimeOffset IssuedAt, Guid? PaymentRequestId);

/// <summary>Every Klarna Network session token the emulator has issued, by the Web SDK or on a completed payment request.</summary>
internal sealed class NetworkSessionTokens(TimeProvider time)
{
    public static readonly TimeSpan Validity = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, IssuedSessionToken> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _used = new(StringComparer.Ordinal);

    public IssuedSessionToken Issue(Guid? paymentRequestId = null)
    {
        var issued = new IssuedSessionToken(
            $"krn:network:eu1:test:session-token:{RandomText.UrlSafe()}", time.GetUtcNow(), paymentRequestId);
        _issued[issued.Token] = issued;
        return issued;
    }

    public IssuedSessionToken? FindValid(string? token) =>
        Find(token) is { } issued && !IsExpired(issued) ? issued : null;

    /// <summary>Known tokens, fresh or not.</summary>
    public IssuedSessionToken? Find(string? token) =>
        token is not null && _issued.TryGetValue(token, out var issued) ? issued : null;

    public bool IsExpired(IssuedSessionToken issued) => time.GetUtcNow() - issued.IssuedAt > Validity;

    /// <summary>A token authorizes one payment transaction: true only for the first caller.</summary>
    public bool TryConsume(string token) => _used.TryAdd(token, 0);
}
