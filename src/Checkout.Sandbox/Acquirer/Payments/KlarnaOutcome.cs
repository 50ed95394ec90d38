using System.Text.Json.Nodes;

namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>What the acquirer needs from a Payment Authorize answer, read defensively.</summary>
internal sealed record KlarnaOutcome(
    string? TransactionResult,
    string? CustomerTokenResult,
    string? CustomerToken,
    string? PaymentTransactionId,
    string? PaymentRequestId,
    string? PaymentRequestUrl)
{
    public const string Approved = "APPROVED";

    public bool SteppedUp => PaymentRequestId is not null;

    /// <summary>Approved when every requested part was approved.</summary>
    public bool IsApproved =>
        (TransactionResult ?? Approved) == Approved && (CustomerTokenResult ?? Approved) == Approved
        && (TransactionResult ?? CustomerTokenResult) is not null;

    public static KlarnaOutcome From(JsonObject answer)
    {
        var transaction = answer["payment_transaction_response"];
        var token = answer["customer_token_response"];
        var request = answer["payment_request"];
        return new KlarnaOutcome(
            Text(transaction?["result"]),
            Text(token?["result"]),
            Text(token?["customer_token"]),
            Text(transaction?["payment_transaction"]?["payment_transaction_id"]),
            Text(request?["payment_request_id"]),
            Text(request?["state_context"]?["customer_interaction"]?["payment_request_url"]));
    }

    public static string? Text(JsonNode? node)
    {
        try
        {
            return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>A Klarna <c>payment.request.state-change.*</c> webhook as the acquirer reads it.</summary>
internal sealed record KlarnaStateChange(
    string PaymentRequestId, string State, string? SessionToken, string? CustomerToken, DateTimeOffset? ChangedAt)
{
    public static KlarnaStateChange? From(JsonObject envelope)
    {
        var payload = envelope["payload"];
        var context = payload?["state_context"];
        var id = KlarnaOutcome.Text(payload?["payment_request_id"]);
        var state = KlarnaOutcome.Text(payload?["state"]);
        if (id is null || state is null)
        {
            return null;
        }

        // The tokens may sit under state_context (as the Read Payment Request API has them) or at the top of the
        // payload (as public integrations read them); older payloads name the session token interoperability_token.
        var sessionToken = KlarnaOutcome.Text(context?["klarna_network_session_token"])
            ?? KlarnaOutcome.Text(payload?["klarna_network_session_token"])
            ?? KlarnaOutcome.Text(payload?["interoperability_token"]);
        var customerToken = KlarnaOutcome.Text(context?["klarna_customer"]?["customer_token"])
            ?? KlarnaOutcome.Text(payload?["klarna_customer"]?["customer_token"]);
        var changedAt = DateTimeOffset.TryParse(
            KlarnaOutcome.Text(payload?["updated_at"]), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
        return new KlarnaStateChange(
            id, state, sessionToken, customerToken, changedAt);
    }
}
