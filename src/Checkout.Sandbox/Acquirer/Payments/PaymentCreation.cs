using System.Text.Json.Nodes;
using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>The first Payment Authorize call: Klarna's answer becomes an open payment with Klarna's own URL.</summary>
internal sealed partial class PaymentCreation(
    KlarnaAuthorizeClient klarna,
    PartnerPaymentStore store,
    CustomerTokenVault vault,
    IOptions<SandboxOptions> options,
    ILogger<PaymentCreation> logger)
{
    public async Task<StoredResponse> CreateAsync(NewPayment request, string origin, CancellationToken cancellationToken)
    {
        var paymentId = PartnerPaymentStore.NewId();
        var klarnaBody = KlarnaAuthorizeBody.Build(request);
        var klarnaBaseUrl = klarna.BaseUrlFor(origin);
        var answer = await klarna.AuthorizeAsync(
            klarnaBaseUrl, klarnaBody, request.KlarnaNetworkSessionToken, KlarnaIdempotencyKeys.For(paymentId, KlarnaIdempotencyKeys.Authorize), cancellationToken);
        if (!answer.IsSuccess)
        {
            LogKlarnaFailed(paymentId, answer.Status);
            return Rejected(answer);
        }

        var outcome = KlarnaOutcome.From(answer.Body!);
        var payment = PartnerPayment.After(
            outcome, answer.Body!, paymentId, request.Reference, request.Amount, request.Currency, klarnaBody, klarnaBaseUrl, options.Value.Acquirer.CallbackUrl, origin);
        if (!outcome.SteppedUp)
        {
            // A session token from an already completed journey can settle it at once.
            payment.CustomerTokenId = outcome.CustomerToken is { } token ? vault.Store(token) : null;
            if (outcome.IsApproved)
            {
                payment.Complete(outcome.PaymentTransactionId);
            }
            else
            {
                payment.Fail(FailureReason.Declined);
            }
        }

        store.Add(payment);
        LogCreated(paymentId, payment.Status);
        lock (payment)
        {
            return StoredProblem.Json(StatusCodes.Status201Created, PartnerPaymentView.Of(payment));
        }
    }

    /// <summary>Klarna's 400 as the partner's 400 naming each parameter; anything else a 502 to retry with the same key.</summary>
    public static StoredResponse Rejected(KlarnaAnswer answer)
    {
        if (answer.Status == StatusCodes.Status400BadRequest && answer.Body is { } error)
        {
            // Klarna's documented validation_errors[{parameter, reason}]; older pages show errors[{parameter, error_message}].
            var errors = (error["validation_errors"] as JsonArray ?? error["errors"] as JsonArray ?? [])
                .Where(item => KlarnaOutcome.Text(item?["parameter"]) is not null)
                .GroupBy(item => KlarnaOutcome.Text(item!["parameter"])!)
                .ToDictionary(
                    group => group.Key,
                    group => group.Select(item => KlarnaOutcome.Text(item!["reason"]) ?? KlarnaOutcome.Text(item!["error_message"]) ?? "").ToArray());
            return StoredProblem.Create(
                StatusCodes.Status400BadRequest, "Klarna rejected the payment.",
                KlarnaOutcome.Text(error["error_message"]) ?? "Klarna answered 400.", errors);
        }

        return StoredProblem.Create(
            StatusCodes.Status502BadGateway, "Klarna is not available.",
            answer.Status == 0 ? "Klarna could not be reached; retry with the same Idempotency-Key." : $"Klarna answered HTTP {answer.Status}; retry with the same Idempotency-Key.");
    }

    [LoggerMessage(LogLevel.Information, "Sandbox acquirer: payment {PaymentId} created, {Status}")]
    private partial void LogCreated(string paymentId, string status);

    [LoggerMessage(LogLevel.Warning, "Sandbox acquirer: Klarna answered HTTP {Status} for payment {PaymentId}")]
    private partial void LogKlarnaFailed(string paymentId, int status);
}
