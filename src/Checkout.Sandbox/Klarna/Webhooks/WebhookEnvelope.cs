using System.Diagnostics;
using Checkout.Sandbox.Klarna.Notifications;
using Checkout.Sandbox.Klarna.PaymentRequests;

namespace Checkout.Sandbox.Klarna.Webhooks;

/// <summary>Klarna's v2 notification: <c>{metadata, payload}</c>, serialized snake_case.</summary>
internal sealed record WebhookEnvelope(WebhookMetadata Metadata, PaymentRequestView Payload);

internal sealed record WebhookMetadata(
    string EventType,
    string EventId,
    string EventVersion,
    DateTime OccurredAt,
    string CorrelationId,
    string SubjectAccountId,
    string RecipientAccountId,
    string ProductInstanceId,
    string WebhookId,
    bool Live);

/// <summary>
/// One event for one registration, serialized once: every retry sends these exact bytes. <paramref name="Cause"/>: the
/// trace the delivery continues, the merchant's request that created the payment request (so a checkout reads as one
/// trace); <paramref name="Trigger"/>: the request that changed the state (the shopper's approval), linked.
/// </summary>
internal sealed record WebhookEvent(
    Guid PaymentRequestId, string EventId, string EventType, WebhookTarget Target, byte[] Body, ActivityContext Cause, ActivityContext Trigger = default)
{
    public Uri Url => Target.Url;
}
