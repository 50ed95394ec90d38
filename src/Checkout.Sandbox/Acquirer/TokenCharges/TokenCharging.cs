using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Checkout.Sandbox.Acquirer.Payments;
using Checkout.Sandbox.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Acquirer.TokenCharges;

/// <summary>A token charge's answer to the partner: final at once, <c>completed</c> or <c>failed</c>.</summary>
internal sealed record TokenChargeView(
    string PaymentId,
    string Reference,
    long Amount,
    string Currency,
    string Status,
    string? PaymentTransactionId,
    string? FailureReason,
    string? FailureMessage,
    PartnerAdditionalData AdditionalData);

/// <summary>
/// The sandbox acquirer charges Klarna's customer token as "Token charge Customer Not Present" and "Token charge
/// Customer Present" say: Payment Authorize with the token in <c>Klarna-Customer-Token</c>,
/// <c>request_payment_transaction</c>, the partner's <c>supplementary_purchase_data</c> and a <c>step_up_config</c>,
/// under a Klarna key derived from the partner's. A customer-present charge Klarna steps up becomes an open payment
/// with Klarna's URL, finalized like a sign-up's when Klarna's webhook says the shopper approved.
/// </summary>
internal sealed partial class TokenCharging(
    KlarnaAuthorizeClient klarna, PartnerPaymentStore store, IOptions<SandboxOptions> options, ILogger<TokenCharging> logger)
{
    public const string TokenRevoked = "TOKEN_REVOKED";

    private static readonly JsonSerializerOptions Minimal = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><paramref name="keyScope"/> keeps the generic and the partner endpoints' keys apart.</summary>
    public async Task<StoredResponse> ChargeAsync(
        TokenChargeInput input, string klarnaCustomerToken, string keyScope, string idempotencyKey, int successStatus, string origin, CancellationToken cancellationToken)
    {
        var paymentId = PartnerPaymentStore.NewId();
        var klarnaBaseUrl = klarna.BaseUrlFor(origin);
        var klarnaBody = KlarnaBody(input);
        var answer = await klarna.AuthorizeAsync(
            klarnaBaseUrl,
            klarnaBody,
            sessionToken: null,
            KlarnaIdempotencyKeys.For($"{keyScope}:{idempotencyKey}", "token-charge"),
            cancellationToken,
            klarnaCustomerToken);
        if (!answer.IsSuccess)
        {
            LogKlarnaFailed(paymentId, answer.Status);
            return PaymentCreation.Rejected(answer);
        }

        var transaction = answer.Body!["payment_transaction_response"];
        var result = KlarnaOutcome.Text(transaction?["result"]);
        if (input.CustomerPresent && KlarnaOutcome.From(answer.Body!) is { SteppedUp: true } steppedUp)
        {
            return SteppedUp(input, paymentId, klarnaBody, klarnaBaseUrl, steppedUp, answer.Body!, origin, successStatus);
        }

        var reason = KlarnaOutcome.Text(transaction?["result_reason"]);
        var approved = result == KlarnaOutcome.Approved;
        var view = new TokenChargeView(
            paymentId,
            input.Reference,
            input.Amount,
            input.Currency,
            approved ? PartnerPaymentView.Completed : PartnerPaymentView.Failed,
            approved ? KlarnaOutcome.Text(transaction?["payment_transaction"]?["payment_transaction_id"]) : null,
            approved ? null : reason == "CUSTOMER_TOKEN_REVOKED" ? TokenRevoked : FailureReason.Declined,
            approved ? null : $"Klarna answered {result ?? "no result"}{(reason is null ? "" : $": {reason}")}",
            new PartnerAdditionalData(KlarnaNetworkResponseData.ForPaymentRequest(answer.Body!)));
        LogCharged(paymentId, view.Status, reason ?? "");
        return StoredProblem.Json(successStatus, view);
    }

    /// <summary>The shopper must approve: kept as a partner payment, so Klarna's webhook finalizes it and the partner is called back.</summary>
    private StoredResponse SteppedUp(
        TokenChargeInput input, string paymentId, string klarnaBody, Uri klarnaBaseUrl, KlarnaOutcome outcome, JsonObject answer, string origin, int successStatus)
    {
        var payment = PartnerPayment.After(
            outcome, answer, paymentId, input.Reference, input.Amount, input.Currency, klarnaBody, klarnaBaseUrl, options.Value.Acquirer.CallbackUrl, origin);
        store.Add(payment);
        LogCharged(paymentId, payment.Status, "STEP_UP_REQUIRED");
        lock (payment)
        {
            return StoredProblem.Json(successStatus, PartnerPaymentView.Of(payment));
        }
    }

    private static string KlarnaBody(TokenChargeInput input)
    {
        var interaction = new JsonObject { ["method"] = "HANDOVER" };
        if (input.ReturnUrl is { } returnUrl)
        {
            interaction["return_url"] = returnUrl;
        }

        var body = new JsonObject
        {
            ["currency"] = input.Currency,
            ["request_payment_transaction"] = new JsonObject
            {
                ["amount"] = input.Amount,
                ["payment_transaction_reference"] = input.Reference,
            },
        };
        if (input.PurchaseData is { } purchaseData)
        {
            body["supplementary_purchase_data"] = purchaseData.DeepClone();
        }

        body["step_up_config"] = new JsonObject
        {
            ["payment_request_reference"] = input.Reference,
            ["customer_interaction_config"] = interaction,
        };
        return body.ToJsonString(Minimal);
    }

    [LoggerMessage(LogLevel.Information, "Sandbox acquirer: token charge {PaymentId} {Status} {Reason}")]
    private partial void LogCharged(string paymentId, string status, string reason);

    [LoggerMessage(LogLevel.Warning, "Sandbox acquirer: Klarna answered HTTP {Status} for token charge {PaymentId}")]
    private partial void LogKlarnaFailed(string paymentId, int status);
}
