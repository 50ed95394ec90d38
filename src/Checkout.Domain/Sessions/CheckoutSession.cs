namespace Checkout.Domain.Sessions;

/// <summary>
/// A checkout the merchant's store opened for one of its customers (<see cref="ClientReferenceId"/>): the plan, what to
/// prefill, and where the shopper returns. Opened once per the store's idempotency key; completed once, by its order.
/// </summary>
public sealed class CheckoutSession
{
    public Guid Id { get; init; }

    /// <summary>The store's <c>Idempotency-Key</c>: unique, so the same key twice finds this session.</summary>
    public string IdempotencyKey { get; init; } = "";

    /// <summary>A digest of what was asked: the same key with another body is refused.</summary>
    public string RequestDigest { get; init; } = "";

    public string PlanId { get; init; } = "";

    /// <summary>The store's own id for its customer or account, handed back on every read.</summary>
    public string ClientReferenceId { get; init; } = "";

    public string? CustomerEmail { get; init; }

    public string? CustomerGivenName { get; init; }

    public string? CustomerFamilyName { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? CustomerCountry { get; init; }

    public string? Locale { get; init; }

    public string SuccessUrl { get; init; } = "";

    public string CancelUrl { get; init; } = "";

    /// <summary>The store's metadata, as a JSON object of strings; handed back as given.</summary>
    public string MetadataJson { get; init; } = "{}";

    public CheckoutSessionStatus Status { get; init; }

    /// <summary>The order that completed the session (or the shopper left from); none while open.</summary>
    public Guid? OrderId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The status as the store and the shopper see it at <paramref name="now"/>: an open session past its time is expired.</summary>
    public CheckoutSessionStatus StatusAt(DateTimeOffset now) =>
        Status == CheckoutSessionStatus.Open && now >= ExpiresAt ? CheckoutSessionStatus.Expired : Status;

    /// <summary>A new open session; its times in whole seconds, so every later read of it answers the same.</summary>
    public static CheckoutSession Open(CheckoutSessionRequest request, string idempotencyKey, string requestDigest, DateTimeOffset now)
    {
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return new()
        {
            Id = Guid.NewGuid(),
            IdempotencyKey = idempotencyKey,
            RequestDigest = requestDigest,
            PlanId = request.PlanId,
            ClientReferenceId = request.ClientReferenceId,
            CustomerEmail = request.Customer?.Email,
            CustomerGivenName = request.Customer?.GivenName,
            CustomerFamilyName = request.Customer?.FamilyName,
            CustomerCountry = request.Customer?.Country,
            Locale = request.Locale,
            SuccessUrl = request.SuccessUrl.AbsoluteUri,
            CancelUrl = request.CancelUrl.AbsoluteUri,
            MetadataJson = request.MetadataJson,
            Status = CheckoutSessionStatus.Open,
            CreatedAt = at,
            ExpiresAt = at + request.ExpiresIn,
            UpdatedAt = at,
        };
    }
}
