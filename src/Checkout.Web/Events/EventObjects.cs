namespace Checkout.Web.Events;

using System.Text.Json.Serialization;

using Checkout.Domain.OnDemand;
using Checkout.Domain.Subscriptions;
using Checkout.Web.OnDemand;

/// <summary>
/// A subscription as its events show it: ids, statuses, amounts in minor units with their currency, and the store's
/// <c>client_reference_id</c> and metadata when a checkout session started it.
/// </summary>
public sealed record SubscriptionObject(
    Guid Id,
    string PlanId,
    string Status,
    long Amount,
    string Currency,
    string Interval,
    int IntervalCount,
    DateTimeOffset CurrentPeriodStart,
    DateTimeOffset CurrentPeriodEnd,
    DateTimeOffset? NextChargeAt,
    bool CancelAtPeriodEnd,
    DateTimeOffset? CanceledAt,
    DateTimeOffset CreatedAt,
    RenewalAttemptObject? LastAttempt = null,
    string? CancellationReason = null,
    string? ClientReferenceId = null,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-1)]
    public string Kind => "subscription";

    public static SubscriptionObject Of(
        Subscription s, StoreReference? store, RenewalAttemptObject? lastAttempt = null, string? cancellationReason = null) => new(
        s.Id,
        s.PlanId,
        StatusName(s.Status),
        s.PriceMinorUnits,
        s.Currency,
        s.Interval.ToString().ToLowerInvariant(),
        s.IntervalFrequency,
        s.CurrentPeriodStart,
        s.CurrentPeriodEnd,
        s.NextChargeAt,
        s.CancelAtPeriodEnd,
        s.CanceledAt,
        s.CreatedAt,
        lastAttempt,
        cancellationReason,
        store?.ClientReferenceId,
        store?.Metadata);

    public static string StatusName(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.PastDue => "past_due",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>A renewal attempt: which period, which try, its result and reason, and when the next try comes (if one does).</summary>
public sealed record RenewalAttemptObject(int Period, int Attempt, string Result, DateTimeOffset At, string? Reason, DateTimeOffset? NextRetryAt)
{
    public static RenewalAttemptObject Of(RenewalAttempt attempt, DateTimeOffset? nextRetryAt) => new(
        attempt.PeriodNumber,
        attempt.AttemptNumber,
        attempt.Result switch
        {
            RenewalResult.TokenRevoked => "token_revoked",
            var r => r.ToString().ToLowerInvariant(),
        },
        attempt.At,
        attempt.Reason,
        nextRetryAt);
}

/// <summary>A ride charged on demand, as its events show it; never the customer's token or Klarna's journey.</summary>
public sealed record RideObject(
    Guid Id,
    Guid CustomerId,
    string RideReference,
    long Amount,
    string Currency,
    string Status,
    string? Reason,
    DateTimeOffset CreatedAt,
    string? ClientReferenceId = null,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-1)]
    public string Kind => "ride";

    public static RideObject Of(OnDemandCharge charge, StoreReference? store) => new(
        charge.Id,
        charge.CustomerId,
        charge.RideReference,
        charge.AmountMinorUnits,
        charge.Currency,
        RideChargeView.StatusName(charge.Status),
        charge.Reason,
        charge.CreatedAt,
        store?.ClientReferenceId,
        store?.Metadata);
}
