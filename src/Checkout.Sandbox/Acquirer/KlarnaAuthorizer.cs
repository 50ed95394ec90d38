using Checkout.Sandbox.Klarna;
using Checkout.Sandbox.Klarna.PaymentRequests;
using Microsoft.Extensions.Logging;

namespace Checkout.Sandbox.Acquirer;

internal sealed record AuthorizationAttempt(long Amount, string Currency, string? Reference, string SessionToken);

internal sealed record AuthorizationDecision(bool Approved, NetworkPaymentTransaction? Transaction, string Reason);

/// <summary>
/// Finalizes an authorization against the emulator's completed payment requests, as Klarna's Payment
/// Authorize API would: the session token must be known, fresh, unused and match amount and currency.
/// </summary>
internal sealed partial class KlarnaAuthorizer(
    NetworkSessionTokens sessionTokens, PaymentRequestLifecycle paymentRequests, ILogger<KlarnaAuthorizer> logger)
{
    public const string DeclineMarker = "DECLINE";
    public const long DecliningMinorUnits = 13;

    public AuthorizationDecision Authorize(AuthorizationAttempt attempt)
    {
        var decision = Decide(attempt);
        LogDecision(attempt.Amount, attempt.Currency, attempt.Reference, decision.Approved, decision.Reason);
        return decision;
    }

    private AuthorizationDecision Decide(AuthorizationAttempt attempt)
    {
        var issued = sessionTokens.FindValid(attempt.SessionToken);
        if (issued?.PaymentRequestId is not { } paymentRequestId || paymentRequests.Find(paymentRequestId) is not { } record)
        {
            return Declined("the token is unknown or older than one hour");
        }

        var approved = paymentRequests.Read(record);
        if (approved.State != PaymentRequestState.Completed)
        {
            return Declined($"the payment request is {approved.State}");
        }

        if (approved.Amount != attempt.Amount || approved.Currency != attempt.Currency)
        {
            return Declined("amount or currency differ from the approved payment request");
        }

        if (attempt.Amount % 100 == DecliningMinorUnits)
        {
            return Declined("test rule: the minor units end in 13");
        }

        if (attempt.Reference?.Contains(DeclineMarker, StringComparison.OrdinalIgnoreCase) == true)
        {
            return Declined("test rule: the reference contains DECLINE");
        }

        var transaction = new NetworkPaymentTransaction(
            $"krn:payment:eu1:transaction:{Guid.NewGuid():D}", attempt.Amount, attempt.Currency);
        return sessionTokens.TryConsume(attempt.SessionToken)
            ? new AuthorizationDecision(true, transaction, "approved")
            : Declined("the token was already used for an authorization");
    }

    private static AuthorizationDecision Declined(string reason) => new(false, null, reason);

    [LoggerMessage(LogLevel.Information, "Sandbox acquirer: {Amount} {Currency} ({Reference}) approved={Approved}: {Reason}")]
    private partial void LogDecision(long amount, string currency, string? reference, bool approved, string reason);
}
