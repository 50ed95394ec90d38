namespace Checkout.Web.Sessions;

using System.Text.Json;
using System.Text.Json.Serialization;
using Checkout.Domain.Plans;
using Checkout.Domain.Sessions;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// A checkout session as the store reads it. <c>status</c>: <c>open</c>, <c>complete</c>, <c>expired</c>, <c>canceled</c>.
/// Once complete: <c>order_id</c>, and <c>subscription_id</c> for a subscription plan or <c>rides_customer_id</c> (the
/// <c>customerId</c> to charge rides with) for an on-demand plan.
/// </summary>
public sealed record CheckoutSessionView(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("plan_id")] string PlanId,
    [property: JsonPropertyName("client_reference_id")] string ClientReferenceId,
    [property: JsonPropertyName("metadata")] Dictionary<string, string> Metadata,
    [property: JsonPropertyName("success_url")] string SuccessUrl,
    [property: JsonPropertyName("cancel_url")] string CancelUrl,
    [property: JsonPropertyName("order_id")] Guid? OrderId,
    [property: JsonPropertyName("subscription_id")] Guid? SubscriptionId,
    [property: JsonPropertyName("rides_customer_id")] Guid? RidesCustomerId)
{
    public static CheckoutSessionView Of(CheckoutSession session, SessionProducts products, Uri siteBase, DateTimeOffset now) => new(
        session.Id,
        SessionUrls.Page(siteBase, session.Id).AbsoluteUri,
        StatusName(session.StatusAt(now)),
        session.ExpiresAt,
        session.CreatedAt,
        session.PlanId,
        session.ClientReferenceId,
        JsonSerializer.Deserialize<Dictionary<string, string>>(session.MetadataJson) ?? [],
        session.SuccessUrl,
        session.CancelUrl,
        session.OrderId,
        products.SubscriptionId,
        products.RidesCustomerId);

    public static string StatusName(CheckoutSessionStatus status) => status switch
    {
        CheckoutSessionStatus.Open => "open",
        CheckoutSessionStatus.Complete => "complete",
        CheckoutSessionStatus.Expired => "expired",
        _ => "canceled",
    };
}

/// <summary>What a completed session's order produced.</summary>
public sealed record SessionProducts(Guid? SubscriptionId, Guid? RidesCustomerId)
{
    /// <summary>Reads what the session's order produced: a subscription (its id is the order's), or a rides customer.</summary>
    public sealed class Reader(CheckoutDbContext db)
    {
        public async Task<SessionProducts> ReadAsync(CheckoutSession session, CancellationToken cancellationToken)
        {
            if (session is not { Status: CheckoutSessionStatus.Complete, OrderId: { } orderId })
            {
                return new(null, null);
            }
            var kind = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => (PlanKind?)o.PlanKind).FirstOrDefaultAsync(cancellationToken);
            if (kind == PlanKind.OnDemand)
            {
                return new(null, orderId);
            }
            var subscribed = await db.Subscriptions.AsNoTracking().AnyAsync(s => s.Id == orderId, cancellationToken);
            return new(subscribed ? orderId : null, null);
        }
    }
}
