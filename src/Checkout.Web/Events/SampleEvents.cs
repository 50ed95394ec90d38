namespace Checkout.Web.Events;

/// <summary>A made-up object for each event type, shaped as the real ones are, for <c>events send</c>.</summary>
public static class SampleEvents
{
    public static object For(string type, DateTimeOffset now)
    {
        var subscription = new SubscriptionObject(
            Guid.Parse("0193f2a4-5b6c-7d8e-9f00-112233445566"), "premium-monthly", "active", 9900, "SEK", "month", 1,
            now.AddDays(-1), now.AddMonths(1).AddDays(-1), now.AddMonths(1).AddDays(-1), false, null, now.AddMonths(-2),
            ClientReferenceId: "store-customer-42", Metadata: new Dictionary<string, string> { ["sample"] = "true" });
        var attempt = new RenewalAttemptObject(3, 1, "approved", now, null, null);
        var ride = new RideObject(
            Guid.Parse("0193f2a4-5b6c-7d8e-9f00-665544332211"), Guid.Parse("0193f2a4-5b6c-7d8e-9f00-aabbccddeeff"), "ride-2026-12-01-0815",
            1500, "USD", "approved", null, now, ClientReferenceId: "store-customer-42");
        return type switch
        {
            MerchantEventTypes.SubscriptionCreated => subscription with { CurrentPeriodStart = now, CreatedAt = now },
            MerchantEventTypes.SubscriptionRenewed => subscription with { LastAttempt = attempt },
            MerchantEventTypes.SubscriptionRenewalFailed => subscription with
            {
                Status = "past_due",
                LastAttempt = attempt with { Result = "declined", Reason = "Declined by the sample acquirer.", NextRetryAt = now.AddDays(1) },
                NextChargeAt = now.AddDays(1),
            },
            MerchantEventTypes.SubscriptionCanceled => subscription with
            {
                Status = "canceled",
                NextChargeAt = null,
                CanceledAt = now,
                CancellationReason = SubscriptionEvents.CanceledByShopper,
            },
            MerchantEventTypes.RideCharged => ride,
            MerchantEventTypes.RideDeclined => ride with { Status = "declined", Reason = "Declined by the sample acquirer." },
            MerchantEventTypes.CheckoutSessionCompleted or MerchantEventTypes.CheckoutSessionExpired => new Dictionary<string, object?>
            {
                ["object"] = "checkout.session",
                ["id"] = Guid.Parse("0193f2a4-5b6c-7d8e-9f00-778899aabbcc"),
                ["status"] = type == MerchantEventTypes.CheckoutSessionCompleted ? "complete" : "expired",
                ["plan_id"] = "premium-monthly",
                ["client_reference_id"] = "store-customer-42",
                ["metadata"] = new Dictionary<string, string> { ["sample"] = "true" },
                ["created_at"] = now.AddMinutes(-10),
                ["expires_at"] = now.AddHours(24).AddMinutes(-10),
                ["order_id"] = type == MerchantEventTypes.CheckoutSessionCompleted ? subscription.Id : null,
                ["subscription_id"] = type == MerchantEventTypes.CheckoutSessionCompleted ? subscription.Id : null,
            },
            _ => throw new ArgumentException($"'{type}' is not an event type; use {string.Join(", ", MerchantEventTypes.All)}.", nameof(type)),
        };
    }
}
