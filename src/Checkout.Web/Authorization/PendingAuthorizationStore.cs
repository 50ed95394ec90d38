namespace Checkout.Web.Authorization;

using Checkout.Domain.Tokens;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Tokens;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The first charges the acquirer still owes us, one row per order, kept across restarts. Only the worker
/// works on them, each attempt under a claim (<see cref="LeasedWork"/>), so two instances never ask the
/// acquirer for the same order at once.
/// </summary>
public sealed class PendingAuthorizationStore(CheckoutDbContext db, SecretProtector protector, TimeProvider clock)
{
    /// <summary>Owes the order's first charge, once: a second call for the same order changes nothing.</summary>
    public async Task QueueAsync(Guid orderId, NetworkSessionToken sessionToken, CancellationToken cancellationToken)
    {
        if (await db.PendingAuthorizations.AnyAsync(p => p.OrderId == orderId, cancellationToken))
        {
            return;
        }
        await db.TryInsertOnceAsync(
            new PendingAuthorization
            {
                OrderId = orderId,
                ProtectedSessionToken = protector.Protect(sessionToken.Value),
                SessionTokenReceivedAt = sessionToken.ReceivedAt,
                NextAttemptAt = clock.GetUtcNow(),
            },
            cancellationToken);
    }

    /// <summary>Orders whose authorization is due now and held by nobody, the longest waiting first.</summary>
    public Task<List<Guid>> DueAsync(int max, CancellationToken cancellationToken) =>
        Unfinished()
            .Claimable(clock.GetUtcNow())
            .OrderBy(p => p.NextAttemptAt)
            .Select(p => p.OrderId)
            .Take(max)
            .ToListAsync(cancellationToken);

    /// <summary>Claims the order's authorization when it is due and nobody holds it; false otherwise.</summary>
    public async Task<bool> TryClaimAsync(Guid orderId, WorkClaim claim, CancellationToken cancellationToken) =>
        await Unfinished().Where(p => p.OrderId == orderId).ClaimAsync(claim, cancellationToken) == 1;

    /// <summary>The row <paramref name="claim"/> holds for the order, with its session token readable again.</summary>
    public async Task<(PendingAuthorization Row, NetworkSessionToken SessionToken)?> FindClaimedAsync(
        Guid orderId, WorkClaim claim, CancellationToken cancellationToken)
    {
        var row = await Unfinished().AsNoTracking().HeldBy(claim).FirstOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        return row is null ? null : (row, new NetworkSessionToken(protector.Unprotect(row.ProtectedSessionToken), row.SessionTokenReceivedAt));
    }

    /// <summary>Records a failed attempt and gives the row back until its backoff has passed; returns the attempts so far.</summary>
    public async Task<int> RetryLaterAsync(PendingAuthorization row, WorkClaim claim, CancellationToken cancellationToken)
    {
        var attempts = row.Attempts + 1;
        await Of(row.OrderId).RetryLaterAsync(claim, attempts, clock.GetUtcNow(), _ => { }, cancellationToken);
        return attempts;
    }

    /// <summary>Nothing more is owed: the acquirer answered, or the order ended another way.</summary>
    public Task FinishAsync(Guid orderId, WorkClaim claim, CancellationToken cancellationToken)
    {
        var completedAt = clock.GetUtcNow();
        return Of(orderId).ReleaseAsync(claim, set => set.SetProperty(p => p.CompletedAt, completedAt), cancellationToken);
    }

    /// <summary>Gives the row back as it was, for the next attempt.</summary>
    public Task ReleaseAsync(Guid orderId, WorkClaim claim, CancellationToken cancellationToken) =>
        Of(orderId).ReleaseAsync(claim, _ => { }, cancellationToken);

    private IQueryable<PendingAuthorization> Unfinished() => db.PendingAuthorizations.Where(p => p.CompletedAt == null);

    private IQueryable<PendingAuthorization> Of(Guid orderId) => db.PendingAuthorizations.Where(p => p.OrderId == orderId);
}
