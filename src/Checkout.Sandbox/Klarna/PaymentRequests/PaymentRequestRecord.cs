using System.Diagnostics;
using System.Text.Json;

namespace Checkout.Sandbox.Klarna.PaymentRequests;

/// <summary>One stored payment request. Mutated only under <c>lock (record)</c> by <see cref="PaymentRequestLifecycle"/>.</summary>
internal sealed class PaymentRequestRecord
{
    public required Guid Id { get; init; }

    public string PaymentRequestId => PaymentRequestIds.ToKrn(Id);

    public string? Reference { get; init; }

    public long? Amount { get; init; }

    public required string Currency { get; init; }

    public string? PaymentOptionId { get; init; }

    public JsonElement? SupplementaryPurchaseData { get; init; }

    public JsonElement? RequestCustomerToken { get; init; }

    public JsonElement? CustomerInteractionConfig { get; init; }

    /// <summary>Created by the acquirer's Payment Authorize call (step-up), not by the merchant's create.</summary>
    public bool ViaPaymentAuthorize { get; init; }

    /// <summary>The acquirer's opaque <c>klarna_network_data</c>, stored untouched.</summary>
    public string? KlarnaNetworkData { get; init; }

    public string? PaymentTransactionReference { get; init; }

    public required string PaymentRequestUrl { get; init; }

    public required Uri WebhookUrl { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The trace of the request that created it (the merchant's checkout), which its webhooks continue.</summary>
    public ActivityContext CreatedUnder { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string State { get; set; } = PaymentRequestState.Submitted;

    public string? PreviousState { get; set; }

    public IssuedSessionToken? SessionToken { get; set; }

    public string? CustomerToken { get; set; }

    public string? JourneyEmail { get; set; }

    public bool JourneyCodeVerified { get; set; }

    public bool WantsCustomerToken => RequestCustomerToken is { ValueKind: JsonValueKind.Object };

    public string? CustomerTokenReference => StringProperty(RequestCustomerToken, "customer_token_reference");

    public string? ReturnUrl => StringProperty(CustomerInteractionConfig, "return_url");

    public bool HasSubscriptions =>
        SupplementaryPurchaseData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("subscriptions", out var subscriptions)
        && subscriptions.ValueKind == JsonValueKind.Array
        && subscriptions.GetArrayLength() > 0;

    private static string? StringProperty(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } obj
        && obj.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
