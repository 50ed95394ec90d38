using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Acquirer.Payments;

internal enum FinalizeOutcome
{
    NothingToFinalize,
    Finalized,
    TryAgainLater,
}

/// <summary>
/// Klarna's state changes move a payment on. Every move is a conditional transition under the payment's
/// lock, so a webhook delivered twice, or twice at once, finalizes once.
/// </summary>
internal sealed partial class PaymentCompletion(
    PartnerPaymentStore store,
    CustomerTokenVault vault,
    KlarnaAuthorizeClient klarna,
    PartnerCallbacks callbacks,
    IOptions<SandboxOptions> options,
    TimeProvider time,
    ILogger<PaymentCompletion> logger)
{
    /// <summary>In the acquirer-led flow the session token from the completed journey is valid for one hour.</summary>
    public static readonly TimeSpan SessionTokenValidity = TimeSpan.FromHours(1);

    /// <summary>False when Klarna should deliver the event again later.</summary>
    public async Task<bool> HandleAsync(KlarnaStateChange change, CancellationToken cancellationToken)
    {
        if (store.FindByPaymentRequest(change.PaymentRequestId) is not { } payment)
        {
            // A final event for a request this acquirer has not stored yet: let Klarna retry.
            return change.State is "SUBMITTED" or "IN_PROGRESS";
        }

        lock (payment)
        {
            if (payment.Phase == PaymentPhase.AwaitingCustomer)
            {
                Apply(payment, change);
            }
        }

        return options.Value.Acquirer.HoldFinalization
            || await FinalizeAsync(payment, cancellationToken) != FinalizeOutcome.TryAgainLater;
    }

    /// <summary>The second Payment Authorize call, with the session token and the first call's context.</summary>
    public async Task<FinalizeOutcome> FinalizeAsync(PartnerPayment payment, CancellationToken cancellationToken)
    {
        string sessionToken;
        lock (payment)
        {
            if (payment.Phase != PaymentPhase.ReadyToFinalize || payment.SessionToken is null)
            {
                return FinalizeOutcome.NothingToFinalize;
            }

            payment.Phase = PaymentPhase.Finalizing;
            sessionToken = payment.SessionToken;
        }

        KlarnaAnswer answer;
        try
        {
            // The same idempotency key on every attempt: a retry after a lost answer cannot authorize twice.
            answer = await klarna.AuthorizeAsync(
                payment.KlarnaBaseUrl, payment.KlarnaRequestBody, sessionToken, KlarnaIdempotencyKeys.For(payment.PaymentId, KlarnaIdempotencyKeys.Finalize), cancellationToken);
        }
        catch
        {
            lock (payment)
            {
                payment.Phase = PaymentPhase.ReadyToFinalize;
            }

            throw;
        }

        lock (payment)
        {
            if (answer.IsTransientFailure || (!answer.IsSuccess && answer.Status == 401))
            {
                payment.Phase = PaymentPhase.ReadyToFinalize;
                LogFinalizeRetry(payment.PaymentId, answer.Status);
                return FinalizeOutcome.TryAgainLater;
            }

            var outcome = answer.Body is { } body ? KlarnaOutcome.From(body) : null;
            if (answer.Body is { } response)
            {
                payment.NetworkResponseData = KlarnaNetworkResponseData.ForPaymentRequest(response);
            }

            if (outcome?.TransactionResult == KlarnaOutcome.Approved)
            {
                payment.Complete(outcome.PaymentTransactionId);
            }
            else
            {
                var age = time.GetUtcNow() - (payment.CompletedAt ?? time.GetUtcNow());
                payment.Fail(age > SessionTokenValidity ? FailureReason.SessionTokenExpired : FailureReason.Declined);
            }

            LogFinalized(payment.PaymentId, payment.Status, payment.FailureReason ?? "");
            callbacks.Enqueue(payment);
            return FinalizeOutcome.Finalized;
        }
    }

    private void Apply(PartnerPayment payment, KlarnaStateChange change)
    {
        switch (change.State)
        {
            case "COMPLETED":
                // The customer token is valid whatever happens to the first payment: keep it first.
                payment.CustomerTokenId ??= change.CustomerToken is { } token ? vault.Store(token) : null;
                if (payment.Amount is null)
                {
                    payment.Complete(null);
                    callbacks.Enqueue(payment);
                }
                else if (change.SessionToken is null)
                {
                    payment.Fail(FailureReason.Declined);
                    callbacks.Enqueue(payment);
                }
                else
                {
                    payment.SessionToken = change.SessionToken;
                    payment.CompletedAt = change.ChangedAt ?? time.GetUtcNow();
                    payment.Phase = PaymentPhase.ReadyToFinalize;
                }

                break;
            case "DECLINED":
                payment.Fail(FailureReason.Declined);
                callbacks.Enqueue(payment);
                break;
            case "CANCELED":
                payment.Fail(FailureReason.CustomerAborted);
                callbacks.Enqueue(payment);
                break;
            case "EXPIRED":
                payment.Fail(FailureReason.Expired);
                callbacks.Enqueue(payment);
                break;
        }
    }

    [LoggerMessage(LogLevel.Information, "Sandbox acquirer: payment {PaymentId} finalized: {Status} {FailureReason}")]
    private partial void LogFinalized(string paymentId, string status, string? failureReason);

    [LoggerMessage(LogLevel.Warning, "Sandbox acquirer: finalizing payment {PaymentId} failed (HTTP {Status}); it will be retried")]
    private partial void LogFinalizeRetry(string paymentId, int status);
}
