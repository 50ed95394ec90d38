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
