namespace Checkout.Klarna.Webhooks;

using System.Text.Json;
using Checkout.Klarna.PaymentRequests;

/// <summary>Klarna's notification: metadata about the event, and the payment request as it now is.</summary>
public sealed record WebhookEnvelope(WebhookMetadata? Metadata, PaymentRequestRead? Payload)
{
    public const string CompletedEventType = "payment.request.state-change.completed";

    /// <summary>Parses a verified body; null when it is not a usable envelope.</summary>
    public static WebhookEnvelope? TryParse(ReadOnlySpan<byte> body)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<WebhookEnvelope>(body, KlarnaJson.Options);
            return envelope?.Metadata?.EventId is { Length: > 0 and <= 200 } && envelope.Metadata.EventType is { Length: > 0 }
                ? envelope
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record WebhookMetadata(
    string? EventType,
    string? EventId,
    string? EventVersion,
    DateTimeOffset? OccurredAt,
    string? CorrelationId,
    bool? Live);
