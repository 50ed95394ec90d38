using System.Text.Json;
using Checkout.Sandbox.Common;

namespace Checkout.Sandbox.Acquirer;

/// <summary>Seed 002's partner-facing payment: <c>{payment_id, amount, currency, status, url?, additional_data}</c>.</summary>
internal sealed record PartnerPaymentResponse(
    string PaymentId,
    long? Amount,
    string Currency,
    string Status,
    string? Url,
    PartnerAdditionalData AdditionalData)
{
    public const string Open = "open";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

internal sealed record PartnerAdditionalData(string KlarnaNetworkResponseData);

/// <summary>The opaque <c>klarna_network_response_data</c> string handed to the partner untouched.</summary>
internal static class KlarnaNetworkResponseData
{
    private const string ContentType = "vnd.klarna.network-data.v2+json";

    public static string ForAuthorization(string result, NetworkPaymentTransaction? transaction) =>
        JsonSerializer.Serialize(
            new NetworkData(ContentType, new NetworkContent("authorize", new NetworkResponse(result, transaction))),
            SandboxJson.SnakeCase);

    private sealed record NetworkData(string ContentType, NetworkContent Content);

    private sealed record NetworkContent(string Operation, NetworkResponse Response);

    private sealed record NetworkResponse(string Result, NetworkPaymentTransaction? PaymentTransaction);
}

internal sealed record NetworkPaymentTransaction(string PaymentTransactionId, long Amount, string Currency);
