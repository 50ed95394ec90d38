namespace Checkout.Domain.OnDemand;

using Checkout.Domain.Pricing;

/// <summary>
/// One charge of a ride on the rides customer's stored token (customer present), asked for by the merchant's app under
/// its own idempotency key. <see cref="CustomerId"/> is the rides sign-up the merchant was given (its checkout id).
/// </summary>
public sealed class OnDemandCharge
{
    public Guid Id { get; init; }

    public Guid CustomerId { get; init; }

    /// <summary>The merchant's <c>Idempotency-Key</c>: unique, so the same key twice finds this charge.</summary>
    public string IdempotencyKey { get; init; } = "";

    /// <summary>A digest of what was asked (customer, amount, currency, ride): the same key with another request is refused.</summary>
    public string RequestDigest { get; init; } = "";

    public long AmountMinorUnits { get; init; }

    public string Currency { get; init; } = "";

    public string RideReference { get; init; } = "";

    public OnDemandChargeStatus Status { get; set; }

    public string? AcquirerPaymentId { get; set; }

    public string? PaymentTransactionId { get; set; }

    /// <summary>Klarna's purchase journey, unwrapped, while the shopper must step up.</summary>
    public string? PurchaseJourneyUrl { get; set; }

    /// <summary>Klarna's or the acquirer's reason for a decline.</summary>
    public string? Reason { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Money Amount => Money.Of(AmountMinorUnits, Currency);

    /// <summary>The reference the acquirer and Klarna see: the charge, not the merchant's ride text.</summary>
    public string Reference => $"ride-{Id:N}";

    /// <summary>Every POST about this charge to the acquirer carries this key, on every retry.</summary>
    public string AcquirerIdempotencyKey => $"on-demand-{Id:N}-charge";

    public static OnDemandCharge Open(
        Guid customerId, string idempotencyKey, string requestDigest, Money amount, string rideReference, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        CustomerId = customerId,
        IdempotencyKey = idempotencyKey,
        RequestDigest = requestDigest,
        AmountMinorUnits = amount.MinorUnits > 0 ? amount.MinorUnits : throw new ArgumentOutOfRangeException(nameof(amount), "A ride costs something."),
        Currency = amount.Currency.Code,
        RideReference = rideReference,
        Status = OnDemandChargeStatus.Pending,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
