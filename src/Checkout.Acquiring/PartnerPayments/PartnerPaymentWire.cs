namespace Checkout.Acquiring.PartnerPayments;

/// <summary>The partner-facing request: tokenization, with a first charge when an amount is given.</summary>
public sealed record PartnerPaymentRequest
{
    public required string Reference { get; init; }

    public required string Currency { get; init; }

    /// <summary>Absent: tokenization only.</summary>
    public long? Amount { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>Klarna's <c>supplementary_purchase_data</c>, passed through in Klarna's own shape.</summary>
    public object? SupplementaryPurchaseData { get; init; }

    public string? KlarnaNetworkSessionToken { get; init; }

    /// <summary>Opaque: forwarded untouched, never parsed.</summary>
    public string? KlarnaNetworkData { get; init; }

    public string? PaymentOptionId { get; init; }

    public string? ReturnUrl { get; init; }

    public string? AppReturnUrl { get; init; }

    public override string ToString() => $"PartnerPaymentRequest({Reference}, {Amount} {Currency}, session token ***)";
}

/// <summary>
/// A renewal through the partner API: the partner API's <c>POST /v1/payments</c> extended with the acquirer's own
/// <c>customer_token_id</c> and <c>customer_present: false</c>, and no session token, scopes or return URLs.
/// </summary>
public sealed record PartnerTokenChargeRequest
{
    public required string Reference { get; init; }

    public required string Currency { get; init; }

    public required long Amount { get; init; }

    /// <summary>The acquirer's id for the stored Klarna customer token (<c>ctok_…</c>). Never logged.</summary>
    public required string CustomerTokenId { get; init; }

    public bool CustomerPresent { get; init; }

    public required TokenChargePurchaseData SupplementaryPurchaseData { get; init; }

    public override string ToString() => $"PartnerTokenChargeRequest({Reference}, {Amount} {Currency}, token id ***)";
}

/// <summary>
/// A ride through the partner API: the acquirer's <c>customer_token_id</c> with <c>customer_present: true</c> and the
/// <c>return_url</c> Klarna sends the shopper back to after a step-up.
/// </summary>
public sealed record PartnerRideChargeRequest
{
    public required string Reference { get; init; }

    public required string Currency { get; init; }

    public required long Amount { get; init; }

    /// <summary>The acquirer's id for the stored Klarna customer token. Never logged.</summary>
    public required string CustomerTokenId { get; init; }

    public bool CustomerPresent { get; } = true;

    public required string ReturnUrl { get; init; }

    public override string ToString() => $"PartnerRideChargeRequest({Reference}, {Amount} {Currency}, token id ***)";
}

/// <summary>The partner-facing answer, from create, read and the signed callback alike.</summary>
public sealed record PartnerPayment
{
    public string? PaymentId { get; init; }

    public string? Reference { get; init; }

    public long? Amount { get; init; }

    public string? Currency { get; init; }

    /// <summary><c>open</c>, <c>completed</c> or <c>failed</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Klarna's payment request URL, unwrapped: the shopper's purchase journey.</summary>
    public string? Url { get; init; }

    /// <summary>The acquirer's own id for the stored customer token (never Klarna's token).</summary>
    public string? CustomerTokenId { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>Why a token charge failed, in words (Klarna's reason when it gave one).</summary>
    public string? FailureMessage { get; init; }

    public string? PaymentTransactionId { get; init; }

    public string? EventId { get; init; }

    public PartnerAdditionalData? AdditionalData { get; init; }
}

public sealed record PartnerAdditionalData(string? KlarnaNetworkResponseData);
