namespace Checkout.Web.Subscriptions;

using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Tokens;
using Microsoft.EntityFrameworkCore;

/// <summary>What the store's request for a portal link came to.</summary>
public abstract record PortalLinkResult
{
    public sealed record Issued(Guid SubscriptionId, ShopperLink Link) : PortalLinkResult;

    public sealed record UnknownSubscription : PortalLinkResult;

    /// <summary>The <c>Idempotency-Key</c> already gave a link to another subscription.</summary>
    public sealed record KeyReused : PortalLinkResult;
}

/// <summary>
/// Links to the shopper's subscription page that the store's server asks for, the way billing portals work: valid for
/// <see cref="Lifetime"/>, and each new one voids the links issued before it (as the page tells the shopper). One link
/// per <c>Idempotency-Key</c>: a retry gets the same link, kept encrypted, since it opens the page until it expires.
/// </summary>
public sealed class PortalLinks(CheckoutDbContext db, ShopperLinks links, SecretProtector protector, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<PortalLinkResult> IssueOnceAsync(string idempotencyKey, Guid subscriptionId, CancellationToken cancellationToken)
    {
        if (!await db.Subscriptions.AnyAsync(s => s.Id == subscriptionId, cancellationToken))
        {
            return new PortalLinkResult.UnknownSubscription();
        }
        if (await FindAsync(idempotencyKey, cancellationToken) is not { } record)
        {
            var link = await links.IssueReplacingAsync(subscriptionId, Lifetime, cancellationToken);
            var issued = new PortalLinkRecord
            {
                IdempotencyKey = idempotencyKey,
                SubscriptionId = subscriptionId,
                ProtectedPath = protector.Protect(link.Path),
                // The link stops at a whole second (its token says so); answered the same on every retry.
                ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(link.ExpiresAt.ToUnixTimeSeconds()),
                CreatedAt = clock.GetUtcNow(),
            };
            record = await db.TryInsertOnceAsync(issued, cancellationToken)
                ? issued
                : await FindAsync(idempotencyKey, cancellationToken)
                    ?? throw new InvalidOperationException("A portal link lost the insert to its idempotency key, and that link is gone.");
        }
        return record.SubscriptionId == subscriptionId
            ? new PortalLinkResult.Issued(subscriptionId, new ShopperLink(protector.Unprotect(record.ProtectedPath), record.ExpiresAt))
            : new PortalLinkResult.KeyReused();
    }

    private Task<PortalLinkRecord?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        db.PortalLinks.AsNoTracking().FirstOrDefaultAsync(p => p.IdempotencyKey == idempotencyKey, cancellationToken);
}
