namespace Checkout.Acquiring.Generic;

using System.Text.Json.Serialization;

/// <summary>Seed 000's authorization request: <c>POST {base}/payment</c>.</summary>
public sealed record GenericPaymentRequest(
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("payment_methods")] GenericPaymentMethods PaymentMethods);

public sealed record GenericPaymentMethods([property: JsonPropertyName("klarna")] GenericKlarnaMethod Klarna);

public sealed record GenericKlarnaMethod(
    [property: JsonPropertyName("klarna_interoperability_token")] string KlarnaInteroperabilityToken);

/// <summary>Seed 002's partner-facing answer.</summary>
public sealed record GenericPaymentResponse(
    [property: JsonPropertyName("payment_id")] string? PaymentId,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("additional_data")] GenericAdditionalData? AdditionalData);

public sealed record GenericAdditionalData(
    [property: JsonPropertyName("klarna_network_response_data")] string? KlarnaNetworkResponseData);
