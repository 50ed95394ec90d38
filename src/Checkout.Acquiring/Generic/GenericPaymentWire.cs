namespace Checkout.Acquiring.Generic;

using System.Text.Json.Serialization;

/// <summary>The generic acquirer's authorization request: <c>POST {base}/payment</c>.</summary>
public sealed record GenericPaymentRequest(
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("payment_methods")] GenericPaymentMethods PaymentMethods);

public sealed record GenericPaymentMethods([property: JsonPropertyName("klarna")] GenericKlarnaMethod Klarna);

public sealed record GenericKlarnaMethod(
    [property: JsonPropertyName("klarna_interoperability_token")] string KlarnaInteroperabilityToken);

/// <summary>The generic acquirer's request extended for a renewal: the stored customer token, with the customer not present.</summary>
public sealed record GenericTokenChargeRequest(
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("payment_methods")] GenericTokenMethods PaymentMethods,
    [property: JsonPropertyName("supplementary_purchase_data")] TokenChargePurchaseData SupplementaryPurchaseData)
{
    public override string ToString() => $"GenericTokenChargeRequest({Reference}, {Amount} {Currency}, token ***)";
}

public sealed record GenericTokenMethods([property: JsonPropertyName("klarna")] GenericKlarnaToken Klarna);

public sealed record GenericKlarnaToken(
    [property: JsonPropertyName("customer_token")] string CustomerToken,
    [property: JsonPropertyName("customer_present")] bool CustomerPresent)
{
    public override string ToString() => $"GenericKlarnaToken(token ***, customer_present {CustomerPresent})";
}

/// <summary>The partner-facing answer; a failed token charge also says why.</summary>
public sealed record GenericPaymentResponse(
    [property: JsonPropertyName("payment_id")] string? PaymentId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("additional_data")] GenericAdditionalData? AdditionalData)
{
    [JsonPropertyName("failure_reason")]
    public string? FailureReason { get; init; }

    [JsonPropertyName("failure_message")]
    public string? FailureMessage { get; init; }

    /// <summary>Klarna's purchase journey when a customer-present charge must step up.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("payment_transaction_id")]
    public string? PaymentTransactionId { get; init; }
}

/// <summary>
/// A ride on the generic acquirer's <c>POST /payment</c>: Klarna's customer token with <c>customer_present: true</c>, and where
/// Klarna should send the shopper back after a step-up.
/// </summary>
public sealed record GenericRideChargeRequest(
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("payment_methods")] GenericTokenMethods PaymentMethods,
    [property: JsonPropertyName("return_url")] string ReturnUrl)
{
    public override string ToString() => $"GenericRideChargeRequest({Reference}, {Amount} {Currency}, token ***)";
}

public sealed record GenericAdditionalData(
    [property: JsonPropertyName("klarna_network_response_data")] string? KlarnaNetworkResponseData);
