namespace Checkout.Web.Events;

using Checkout.Web.Infrastructure.Persistence;

/// <summary>
/// An event for the merchant's systems, stored in the transaction of the change it reports (the outbox), kept for the
/// events list. <see cref="Payload"/> is the exact JSON body every delivery signs and sends.
/// </summary>
public sealed class OutboxEvent
{
    /// <summary>The order events were stored in: the events list's cursor.</summary>
    public long Sequence { get; set; }

    /// <summary><c>evt_…</c>: the body's <c>id</c> and the <c>webhook-id</c> of every delivery and retry.</summary>
    public string Id { get; set; } = "";

    public string Type { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string Payload { get; set; } = "";
}

public enum EventDeliveryStatus
{
    Pending,
    Delivered,

    /// <summary>Every attempt until the give-up time failed; kept for the operator to resend.</summary>
    Failed,
}

/// <summary>One event to one configured endpoint: retried with backoff until a 2xx or its give-up time.</summary>
public sealed class EventDelivery : ILeasedWork
{
    public Guid Id { get; set; }

    public string EventId { get; set; } = "";

    /// <summary>The endpoint's name in <c>Merchant:Webhooks</c>.</summary>
    public string Endpoint { get; set; } = "";

    public EventDeliveryStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After a failed attempt at or past this time, the delivery is marked failed.</summary>
    public DateTimeOffset GiveUpAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }
}

/// <summary>One POST of a delivery and what came of it.</summary>
public sealed class EventDeliveryAttempt
{
    public long Id { get; set; }

    public Guid DeliveryId { get; set; }

    public int Number { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The receiver's HTTP status; null when none came (refused, timed out).</summary>
    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    public long DurationMilliseconds { get; set; }
}
