namespace Checkout.Web.Events;

/// <summary>The event types the merchant's systems can subscribe to (<c>Merchant:Webhooks:&lt;name&gt;:Events</c>).</summary>
public static class MerchantEventTypes
{
    public const string CheckoutSessionCompleted = "checkout.session.completed";
    public const string CheckoutSessionExpired = "checkout.session.expired";
    public const string SubscriptionCreated = "subscription.created";
    public const string SubscriptionRenewed = "subscription.renewed";
    public const string SubscriptionRenewalFailed = "subscription.renewal_failed";
    public const string SubscriptionCanceled = "subscription.canceled";
    public const string RideCharged = "ride.charged";
    public const string RideDeclined = "ride.declined";

    public static IReadOnlyList<string> All { get; } =
    [
        CheckoutSessionCompleted, CheckoutSessionExpired, SubscriptionCreated, SubscriptionRenewed,
        SubscriptionRenewalFailed, SubscriptionCanceled, RideCharged, RideDeclined,
    ];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
