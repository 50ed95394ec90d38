using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Checkout.Sandbox.Acquirer.Payments;
using Checkout.Sandbox.Common;

namespace Checkout.Sandbox.Acquirer;

/// <summary>The partner-facing payment: <c>{payment_id, amount, currency, status, url?, additional_data}</c>.</summary>
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

    /// <summary>
    /// The partner API's samples: <c>content.response</c> holds the <c>result</c> (the payment transaction's, else the customer
    /// token's) and only the ids the partner needs: <c>payment_request {payment_request_id, payment_request_url}</c> on
    /// STEP_UP_REQUIRED, <c>payment_transaction {payment_transaction_id}</c> on APPROVED. Klarna's customer token stays
    /// with the acquirer (the partner gets <c>customer_token_id</c>).
    /// </summary>
    public static string ForPaymentRequest(JsonObject klarnaResponse)
    {
        var outcome = KlarnaOutcome.From(klarnaResponse);
        var response = new JsonObject { ["result"] = outcome.TransactionResult ?? outcome.CustomerTokenResult };
        if (outcome.PaymentRequestId is { } paymentRequestId)
        {
            response["payment_request"] = new JsonObject
            {
                ["payment_request_id"] = paymentRequestId,
                ["payment_request_url"] = outcome.PaymentRequestUrl,
            };
        }

        if (outcome.PaymentTransactionId is { } transactionId)
        {
            response["payment_transaction"] = new JsonObject { ["payment_transaction_id"] = transactionId };
        }

        return new JsonObject
        {
            ["content_type"] = ContentType,
            ["content"] = new JsonObject { ["operation"] = "payment_request", ["response"] = response },
        }.ToJsonString(Unescaped);
    }

    // Escape only what JSON requires: the partner may compare content_type as text.
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record NetworkData(string ContentType, NetworkContent Content);

    private sealed record NetworkContent(string Operation, NetworkResponse Response);

    private sealed record NetworkResponse(string Result, NetworkPaymentTransaction? PaymentTransaction);
}

internal sealed record NetworkPaymentTransaction(string PaymentTransactionId, long Amount, string Currency);
