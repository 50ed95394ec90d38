using System.Text.Json;
using Checkout.Sandbox.Acquirer.Payments;
using Checkout.Sandbox.Klarna.PaymentRequests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.PaymentAuthorize;

/// <summary>
/// Klarna's side of Payment Authorize: without a completed step-up the customer must consent first
/// (STEP_UP_REQUIRED and a payment request); with the session token of a completed request it finalizes.
/// </summary>
internal sealed partial class PaymentAuthorizer(
    PaymentRequestLifecycle lifecycle,
    NetworkSessionTokens sessionTokens,
    IOptions<SandboxOptions> options,
    TimeProvider time,
    ILogger<PaymentAuthorizer> logger)
{
    public const string DeclineMarker = "DECLINE";
    public const long DecliningMinorUnits = 13;

    public (int Status, object Body) Authorize(AuthorizeRequest request, string? sessionToken, string origin)
    {
        if (string.IsNullOrEmpty(sessionToken))
        {
            return StepUp(request, origin);
        }

        var issued = sessionTokens.Find(sessionToken);
        if (issued is null)
        {
            return Declined(request, null, "the session token is unknown");
        }

        // A Web SDK session token carries context only; consent still needs the purchase journey.
        return issued.PaymentRequestId is { } id ? Finalize(request, issued, id) : StepUp(request, origin);
    }

    /// <summary>STEP_UP_REQUIRED: a payment request the shopper approves; its session token finalizes the same context.</summary>
    public (int Status, object Body) StepUp(AuthorizeRequest request, string origin)
    {
        if (request.CustomerInteractionConfig is null)
        {
            return (StatusCodes.Status400BadRequest, KlarnaError.Create("INPUT_ERROR", "VALIDATION_ERROR", "The request is not valid.",
                [new("step_up_config", "step_up_config.customer_interaction_config is required: the customer must approve this.")]));
        }

        var now = time.GetUtcNow();
        var id = Guid.NewGuid();
        var record = new PaymentRequestRecord
        {
            Id = id,
            Amount = request.Transaction?.Amount,
            Currency = request.Currency,
            Reference = request.PaymentRequestReference,
            PaymentOptionId = request.Transaction?.PaymentOptionId,
            PaymentTransactionReference = request.Transaction?.Reference,
            SupplementaryPurchaseData = request.SupplementaryPurchaseData,
            RequestCustomerToken = request.RequestCustomerToken,
            CustomerInteractionConfig = request.CustomerInteractionConfig,
            KlarnaNetworkData = request.KlarnaNetworkData,
            ViaPaymentAuthorize = true,
            PaymentRequestUrl = $"{origin}/sandbox/klarna/journey/{id:D}",
            WebhookUrl = new Uri(origin + KlarnaWebhookReceiver.Path),
            CreatedAt = now,
            CreatedUnder = System.Diagnostics.Activity.Current?.Context ?? default,
            UpdatedAt = now,
            ExpiresAt = now + options.Value.Klarna.PaymentRequestLifetime,
        };
        lifecycle.Register(record);
        LogStepUp(record.PaymentRequestId);
        var stepUp = AuthorizeResult.StepUpRequired;
        return (StatusCodes.Status200OK, new AuthorizeResponse(
            request.WantsCustomerToken ? new CustomerTokenResponse(stepUp) : null,
            request.Transaction is null ? null : new PaymentTransactionResponse(stepUp),
            StepUpPaymentRequest.Of(lifecycle.Read(record))));
    }

    private (int Status, object Body) Finalize(AuthorizeRequest request, IssuedSessionToken issued, Guid paymentRequestId)
    {
        if (lifecycle.Find(paymentRequestId) is not { } record
            || lifecycle.Read(record) is not { State: PaymentRequestState.Completed } completed)
        {
            return Declined(request, null, "the payment request is not completed");
        }

        var customer = completed.StateContext.KlarnaCustomer;
        var tokenResponse = !request.WantsCustomerToken ? null
            : customer is null ? new CustomerTokenResponse(AuthorizeResult.Declined)
            : new CustomerTokenResponse(AuthorizeResult.Approved, customer.CustomerToken, customer.CustomerTokenReference);
        if (request.Transaction is not { } transaction)
        {
            return (StatusCodes.Status200OK, new AuthorizeResponse(tokenResponse, null, null));
        }

        var reference = transaction.Reference ?? request.PaymentRequestReference ?? record.Reference;
        var refusal = sessionTokens.IsExpired(issued) ? "the session token is older than one hour"
            : !SameContext(record, request) ? "the context differs from the approved payment request"
            : transaction.Amount % 100 == DecliningMinorUnits ? "test rule: the minor units end in 13"
            : reference?.Contains(DeclineMarker, StringComparison.OrdinalIgnoreCase) == true ? "test rule: the reference contains DECLINE"
            : !sessionTokens.TryConsume(issued.Token) ? "the session token was already used"
            : null;
        if (refusal is not null)
        {
            return Declined(request, tokenResponse, refusal);
        }

        var approved = new PaymentTransaction(
            $"krn:payment:eu1:transaction:{Guid.NewGuid():D}", transaction.Reference, transaction.Amount, request.Currency,
            PaymentFunding.GuaranteedFunded);
        LogDecision(transaction.Amount, request.Currency, AuthorizeResult.Approved, "approved");
        return (StatusCodes.Status200OK, new AuthorizeResponse(
            tokenResponse, new PaymentTransactionResponse(AuthorizeResult.Approved, approved), null));
    }

    private (int Status, object Body) Declined(AuthorizeRequest request, CustomerTokenResponse? tokenResponse, string reason)
    {
        LogDecision(request.Transaction?.Amount, request.Currency, AuthorizeResult.Declined, reason);
        tokenResponse ??= request.WantsCustomerToken ? new CustomerTokenResponse(AuthorizeResult.Declined) : null;
        return (StatusCodes.Status200OK, new AuthorizeResponse(
            tokenResponse,
            request.Transaction is null ? null : new PaymentTransactionResponse(AuthorizeResult.Declined),
            null));
    }

    private static bool SameContext(PaymentRequestRecord record, AuthorizeRequest request) =>
        record.Currency == request.Currency
        && record.Amount == request.Transaction?.Amount
        && string.Equals(record.KlarnaNetworkData, request.KlarnaNetworkData, StringComparison.Ordinal)
        && SameJson(record.SupplementaryPurchaseData, request.SupplementaryPurchaseData);

    private static bool SameJson(JsonElement? left, JsonElement? right) =>
        (left, right) switch
        {
            (null, null) => true,
            ({ } a, { } b) => JsonElement.DeepEquals(a, b),
            _ => false,
        };

    [LoggerMessage(LogLevel.Information, "Klarna sandbox: Payment Authorize stepped up with {PaymentRequestId}")]
    private partial void LogStepUp(string paymentRequestId);

    [LoggerMessage(LogLevel.Information, "Klarna sandbox: Payment Authorize {Amount} {Currency} {Result}: {Reason}")]
    private partial void LogDecision(long? amount, string currency, string result, string reason);
}
