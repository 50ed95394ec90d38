using System.Collections.Concurrent;
using Checkout.Sandbox.Common;

namespace Checkout.Sandbox.Klarna;

internal sealed record IssuedSessionToken(string Token, DateTimeOffset IssuedAt, Guid? PaymentRequestId);

/// <summary>Every Klarna Network session token the emulator has issued, by the Web SDK or on a completed payment request.</summary>
internal sealed class NetworkSessionTokens(TimeProvider time)
{
    public static readonly TimeSpan Validity = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, IssuedSessionToken> _issued = new(StringComparer.Ordinal);

    public IssuedSessionToken Issue(Guid? paymentRequestId = null)
    {
        var issued = new IssuedSessionToken(
            $"krn:network:eu1:test:session-token:{RandomText.UrlSafe()}", time.GetUtcNow(), paymentRequestId);
        _issued[issued.Token] = issued;
        return issued;
    }

    public IssuedSessionToken? FindValid(string? token)
    {
        if (token is null || !_issued.TryGetValue(token, out var issued))
        {
            return null;
        }

        return time.GetUtcNow() - issued.IssuedAt <= Validity ? issued : null;
    }
}
