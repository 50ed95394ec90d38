namespace Checkout.Web.Infrastructure.Persistence;

using System.ComponentModel.DataAnnotations;

/// <summary>Where the shopper's purchase journey for an order lives at Klarna.</summary>
public sealed class OrderKlarnaLink
{
    public Guid OrderId { get; set; }

    [MaxLength(2000)]
    public string PaymentRequestUrl { get; set; } = "";

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When the checkout last asked Klarna for the request's state (late-webhook path).</summary>
    public DateTimeOffset? LastReadAt { get; set; }
}

/// <summary>The webhook inbox: one row per Klarna event id, stored before it is answered.</summary>
public sealed class WebhookEventRecord : ILeasedWork
{
    [MaxLength(200)]
    public string EventId { get; set; } = "";

    [MaxLength(100)]
    public string EventType { get; set; } = "";

    /// <summary>The raw body, encrypted: it carries customer and session tokens.</summary>
    public string ProtectedBody { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The W3C <c>traceparent</c> of the delivery that stored it, so the worker's span links back to it.</summary>
    [MaxLength(55)]
    public string? TraceParent { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    [MaxLength(500)]
    public string? LastError { get; set; }

    [MaxLength(200)]
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }
}

/// <summary>An authorization the acquirer still owes us; survives restarts.</summary>
public sealed class PendingAuthorization : ILeasedWork
{
    public Guid OrderId { get; set; }

    /// <summary>Klarna's network session token, encrypted.</summary>
    public string ProtectedSessionToken { get; set; } = "";

    public DateTimeOffset SessionTokenReceivedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    [MaxLength(200)]
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }
}

/// <summary>
/// The scheduler's row for one subscription: who holds it now (a lease, as for the other background work),
/// its backoff after a failed try, and the charge in flight: sent to the acquirer, not yet answered.
/// </summary>
public sealed class SubscriptionRenewal : ILeasedWork
{
    public Guid SubscriptionId { get; set; }

    /// <summary>Tries in a row that ended without an answer (acquirer unavailable, no token); reset by an answer.</summary>
    public int Attempts { get; set; }

    /// <summary>Not before this time, whatever the subscription says is due (the backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    [MaxLength(200)]
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>The idempotency key of a charge sent but not answered; the next try sends this key again, never another.</summary>
    [MaxLength(200)]
    public string? InFlightKey { get; set; }

    public int? InFlightPeriodNumber { get; set; }

    public int? InFlightAttemptNumber { get; set; }

    public DateTimeOffset? InFlightSince { get; set; }

    [MaxLength(500)]
    public string? LastError { get; set; }
}

public sealed class CustomerTokenRecord
{
    public Guid OrderId { get; set; }

    [MaxLength(40)]
    public string Scope { get; set; } = "";

    /// <summary>The customer token, encrypted with Data Protection.</summary>
    public string ProtectedToken { get; set; } = "";

    [MaxLength(200)]
    public string? Reference { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An operator's sign-in: its cookie is honoured only while this row is neither revoked nor past its end.</summary>
public sealed class OperatorSession
{
    public Guid Id { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The absolute end (<c>Admin:SessionLifetime</c> after sign-in), however active the operator is.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set by sign-out: a copy of the cookie stops working too.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A subscription's shopper-link version: links issued under an older version are void.</summary>
public sealed class ShopperLinkVersion
{
    public Guid SubscriptionId { get; set; }

    public int Version { get; set; }
}

/// <summary>A link to a shopper's subscription page issued to the store's server, kept under its <c>Idempotency-Key</c> so a retry gets the same link.</summary>
public sealed class PortalLinkRecord
{
    public string IdempotencyKey { get; set; } = "";

    public Guid SubscriptionId { get; set; }

    /// <summary>The link's path, encrypted: until it expires, it opens the shopper's page.</summary>
    public string ProtectedPath { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
