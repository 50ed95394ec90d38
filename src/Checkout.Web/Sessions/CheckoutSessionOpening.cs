namespace Checkout.Web.Sessions;

using Checkout.Domain.Sessions;

/// <summary>Opens a session once per the store's idempotency key; the same key with another body is refused.</summary>
public sealed class CheckoutSessionOpening(CheckoutSessionStore sessions, TimeProvider clock)
{
    public async Task<SessionOpened> OpenAsync(string idempotencyKey, CheckoutSessionRequest request, CancellationToken cancellationToken)
    {
        var digest = CheckoutSessionInput.Digest(request);
        var (session, _) = await sessions.FindByKeyAsync(idempotencyKey, cancellationToken) is { } earlier
            ? (earlier, false)
            : await sessions.OpenAsync(CheckoutSession.Open(request, idempotencyKey, digest, clock.GetUtcNow()), cancellationToken);
        return string.Equals(session.RequestDigest, digest, StringComparison.Ordinal)
            ? new SessionOpened(session, KeyReused: false)
            : new SessionOpened(session, KeyReused: true);
    }
}

/// <summary>The session stored under the key; <paramref name="KeyReused"/> when it was stored for another body.</summary>
public sealed record SessionOpened(CheckoutSession Session, bool KeyReused);
