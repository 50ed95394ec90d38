namespace Checkout.Web.Sessions;

using Checkout.Domain.Orders;
using Checkout.Domain.Sessions;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The one owner of a checkout session's status: every change is a conditional update from the status it leaves, and
/// the event the store hears of it (<see cref="SessionEvents"/>) commits with it, or neither does.
/// </summary>
public sealed class CheckoutSessionStore(CheckoutDbContext db, SessionProducts.Reader products, TimeProvider clock)
{
    public Task<CheckoutSession?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.CheckoutSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    public Task<CheckoutSession?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        db.CheckoutSessions.AsNoTracking().FirstOrDefaultAsync(s => s.IdempotencyKey == idempotencyKey, cancellationToken);

    /// <summary>Open sessions whose time ran out by <paramref name="now"/>, the longest expired first, each with the completed order it may have.</summary>
    public Task<List<PastExpiry>> OpenPastExpiryAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        db.CheckoutSessions.AsNoTracking()
            .Where(s => s.Status == CheckoutSessionStatus.Open && s.ExpiresAt <= now)
            .OrderBy(s => s.ExpiresAt)
            .Take(max)
            .Select(s => new PastExpiry(
                s.Id,
                db.Orders.Where(o => o.CheckoutSessionId == s.Id && o.Status == OrderStatus.Completed).Select(o => (Guid?)o.Id).FirstOrDefault()))
            .ToListAsync(cancellationToken);

    /// <summary>Stores the session, or finds the one stored first under the same idempotency key.</summary>
    public async Task<(CheckoutSession Session, bool Created)> OpenAsync(CheckoutSession session, CancellationToken cancellationToken)
    {
        if (await db.TryInsertOnceAsync(session, cancellationToken))
        {
            db.Entry(session).State = EntityState.Detached;
            return (session, true);
        }
        var first = await FindByKeyAsync(session.IdempotencyKey, cancellationToken)
            ?? throw new InvalidOperationException("A session lost the insert to its idempotency key, and that session is gone.");
        return (first, false);
    }

    /// <summary>
    /// Moves the session to <paramref name="to"/> if it is still <paramref name="from"/>, with its event; false when another
    /// call moved it first (and wrote the event).
    /// </summary>
    public async Task<bool> TryMoveAsync(Guid id, CheckoutSessionStatus from, CheckoutSessionStatus to, Guid? orderId, CancellationToken cancellationToken)
    {
        if (!CheckoutSessionTransitions.IsAllowed(from, to))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.CheckoutSessions
            .Where(s => s.Id == id && s.Status == from)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.Status, to)
                    .SetProperty(s => s.OrderId, s => orderId ?? s.OrderId)
                    .SetProperty(s => s.UpdatedAt, now),
                cancellationToken);
        if (moved != 1)
        {
            return false;
        }
        if (SessionEvents.TypeFor(to) is { } type && await FindAsync(id, cancellationToken) is { } session)
        {
            MerchantEvents.Add(db, type, CheckoutSessionObject.Of(session, await products.ReadAsync(session, cancellationToken)));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
