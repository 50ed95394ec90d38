namespace Checkout.Web.Events;

using System.Text.Json;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The store's own <c>client_reference_id</c> and metadata for what an order started (a subscription or a rides
/// customer, both under the order's id), from the checkout session that opened it, so the store can match every later
/// event to its customer. None for a sign-up through a plan link.
/// </summary>
public sealed record StoreReference(string ClientReferenceId, IReadOnlyDictionary<string, string> Metadata)
{
    public static async Task<StoreReference?> OfOrderAsync(CheckoutDbContext db, Guid orderId, CancellationToken cancellationToken)
    {
        var session = await db.Orders.AsNoTracking()
            .Where(o => o.Id == orderId)
            .Join(db.CheckoutSessions, o => o.CheckoutSessionId, s => (Guid?)s.Id, (o, s) => new { s.ClientReferenceId, s.MetadataJson })
            .FirstOrDefaultAsync(cancellationToken);
        return session is null
            ? null
            : Of(session.ClientReferenceId, session.MetadataJson);
    }

    /// <summary>The references of <paramref name="orderIds"/> that have one, in one lookup.</summary>
    public static async Task<Dictionary<Guid, StoreReference>> OfOrdersAsync(CheckoutDbContext db, IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        var sessions = await db.Orders.AsNoTracking()
            .Where(o => orderIds.Contains(o.Id))
            .Join(db.CheckoutSessions, o => o.CheckoutSessionId, s => (Guid?)s.Id, (o, s) => new { o.Id, s.ClientReferenceId, s.MetadataJson })
            .ToListAsync(cancellationToken);
        return sessions.ToDictionary(s => s.Id, s => Of(s.ClientReferenceId, s.MetadataJson));
    }

    private static StoreReference Of(string clientReferenceId, string metadataJson) =>
        new(clientReferenceId, JsonSerializer.Deserialize<Dictionary<string, string>>(metadataJson) ?? []);
}
