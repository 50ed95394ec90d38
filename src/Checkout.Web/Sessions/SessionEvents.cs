namespace Checkout.Web.Sessions;

using System.Text.Json;
using System.Text.Json.Serialization;
using Checkout.Domain.Sessions;
using Checkout.Web.Events;

/// <summary>A checkout session as its events show it: ids, status, the store's reference and metadata; never a token.</summary>
public sealed record CheckoutSessionObject(
    Guid Id,
    string Status,
    string PlanId,
    string ClientReferenceId,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    Guid? OrderId,
    Guid? SubscriptionId,
    Guid? RidesCustomerId)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-1)]
    public string Kind => "checkout.session";

    public static CheckoutSessionObject Of(CheckoutSession session, SessionProducts products) => new(
        session.Id,
        CheckoutSessionView.StatusName(session.Status),
        session.PlanId,
        session.ClientReferenceId,
        JsonSerializer.Deserialize<Dictionary<string, string>>(session.MetadataJson) ?? [],
        session.CreatedAt,
        session.ExpiresAt,
        session.OrderId,
        products.SubscriptionId,
        products.RidesCustomerId);
}

public static class SessionEvents
{
    /// <summary>The event a session's new status is told with; none for a shopper who left (the store sees them at its <c>cancel_url</c>).</summary>
    public static string? TypeFor(CheckoutSessionStatus status) => status switch
    {
        CheckoutSessionStatus.Complete => MerchantEventTypes.CheckoutSessionCompleted,
        CheckoutSessionStatus.Expired => MerchantEventTypes.CheckoutSessionExpired,
        _ => null,
    };
}
