namespace Checkout.Klarna.PaymentRequests;

/// <summary>A payment request as Klarna answers it (create, read, cancel, and in webhook payloads).</summary>
public sealed record PaymentRequestRead
{
    public string? PaymentRequestId { get; init; }

    public string? PaymentRequestReference { get; init; }

    public string? State { get; init; }

    public string? PreviousState { get; init; }

    public StateContext? StateContext { get; init; }

    public long? Amount { get; init; }

    public string? Currency { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Older webhook payloads carry the token here rather than in the state context.</summary>
    public string? InteroperabilityToken { get; init; }

    /// <summary>
    /// Where public v2 integrations read the session token in the completed webhook: at the top of the
    /// payload. The Read Payment Request API puts it under <see cref="StateContext"/>; either is accepted.
    /// </summary>
    public string? KlarnaNetworkSessionToken { get; init; }

    /// <summary>The customer token at the top of a webhook payload; see <see cref="KlarnaNetworkSessionToken"/>.</summary>
    public KlarnaCustomerTokens? KlarnaCustomer { get; init; }
}

public sealed record StateContext
{
    public CustomerInteraction? CustomerInteraction { get; init; }

    public string? KlarnaNetworkSessionToken { get; init; }

    public string? InteroperabilityToken { get; init; }

    public KlarnaCustomerTokens? KlarnaCustomer { get; init; }
}

public sealed record CustomerInteraction(string? Method, string? PaymentRequestId, string? PaymentRequestUrl);

public sealed record KlarnaCustomerTokens(string? CustomerToken, string? CustomerTokenReference);
