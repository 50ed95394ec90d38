namespace Checkout.Benchmarks.Micro;

using System.Text.Json;

/// <summary>Request bodies shaped like the real ones, shared by the micro and load benchmarks.</summary>
public static class Samples
{
    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A <c>payment.request.state-change.completed</c> envelope shaped as the sandbox sends it (about 1.1 KB).</summary>
    public static byte[] WebhookBody(string eventId) => WebhookBody(eventId, DateTimeOffset.UtcNow, "krn:payment:eu1:request:" + eventId);

    public static byte[] WebhookBody(string eventId, DateTimeOffset occurredAt, string paymentRequestId) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        Metadata = new
        {
            EventType = "payment.request.state-change.completed",
            EventId = eventId,
            EventVersion = "v2",
            OccurredAt = occurredAt,
            CorrelationId = eventId,
            Live = false,
        },
        Payload = new
        {
            PaymentRequestId = paymentRequestId,
            PaymentRequestReference = "bench-" + eventId,
            State = "COMPLETED",
            PreviousState = "IN_PROGRESS",
            StateContext = new
            {
                KlarnaNetworkSessionToken = "krn:network:us1:test:session-token:" + eventId,
                InteroperabilityToken = "krn:network:us1:test:interoperability-token:" + eventId,
                KlarnaCustomer = new { CustomerToken = "krn:partner:us1:test:identity:customer-token:" + eventId, CustomerTokenReference = "bench" },
            },
            Amount = 999,
            Currency = "USD",
            ExpiresAt = occurredAt.AddHours(3),
            CreatedAt = occurredAt.AddMinutes(-2),
            SupplementaryPurchaseData = new
            {
                PurchaseReference = "bench",
                LineItems = new[] { new { Name = "Premium", Quantity = 1, TotalAmount = 999, UnitPrice = 999, Reference = "premium-monthly" } },
            },
        },
    }, Snake);
}
