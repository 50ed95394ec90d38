namespace Checkout.Web.Subscriptions;

using Checkout.Acquiring;
using Checkout.Domain.Tokens;
using Checkout.Web.Infrastructure.Persistence;

/// <summary>
/// Works a batch of due subscriptions under one claim: claims them and marks their charges in flight in one
/// transaction (<see cref="RenewalClaims"/>), sends the charges with the stored customer tokens, at most
/// <c>Renewals:Concurrency</c> at once in this instance (<see cref="RenewalSlots"/>), then records every answer in one transaction (<see cref="RenewalAnswers"/>).
/// An answer lost to a timeout or a crash is asked for again under the same idempotency key, since the charge stays
/// marked in flight until its answer is saved.
/// </summary>
public sealed partial class RenewalCharging(
    RenewalClaims claims,
    ICustomerTokenVault vault,
    IServiceProvider services,
    IServiceScopeFactory scopes,
    WorkLease lease,
    RenewalSlots slots,
    ILogger<RenewalCharging> log)
{
    private const string NoToken = "No customer token is stored for this subscription.";

    /// <summary>Works the subscriptions that are due and nobody else holds; the others are left alone.</summary>
    public async Task RenewAsync(IReadOnlyCollection<Guid> subscriptionIds, CancellationToken cancellationToken)
    {
        var claim = lease.NewClaim();
        var renewals = await claims.ClaimAsync(subscriptionIds, claim, cancellationToken);
        if (renewals.Count == 0)
        {
            return;
        }
        RenewalOutcome[] outcomes;
        try
        {
            outcomes = await SendAllAsync(renewals, cancellationToken);
        }
        catch
        {
            // Nothing was sent: given back as they were, each charge still in flight, asked again under its key.
            await RecordAsync([.. renewals.Select(r => new RenewalOutcome(r))], claim);
            throw;
        }
        // The acquirer answered: recorded even when the app is stopping, rather than asked again by the next process.
        await RecordAsync(outcomes, claim);
    }

    private async Task<RenewalOutcome[]> SendAllAsync(List<RenewalToCharge> renewals, CancellationToken cancellationToken)
    {
        var tokens = await vault.FindAllAsync([.. renewals.Select(r => r.SubscriptionId)], cancellationToken);
        // Resolved only now: charges are due, and only then must an acquirer that charges tokens be configured.
        var charger = services.GetRequiredService<ITokenCharger>();
        return await Task.WhenAll(renewals.Select(renewal =>
            slots.SendAsync(() => SendAsync(charger, renewal, tokens.GetValueOrDefault(renewal.SubscriptionId), cancellationToken))));
    }

    /// <summary>Sends one charge; never throws, so one renewal's failure leaves the batch's other answers to be recorded.</summary>
    private async Task<RenewalOutcome> SendAsync(ITokenCharger charger, RenewalToCharge renewal, CustomerToken? token, CancellationToken cancellationToken)
    {
        var key = renewal.Due.IdempotencyKey;
        var tries = renewal.Work.Attempts + 1;
        if (token is null)
        {
            LogNoToken(log, renewal.SubscriptionId, tries);
            return new RenewalOutcome(renewal, RetryReason: NoToken);
        }
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = new TokenChargeRequest(renewal.Due.Charge.Key, renewal.Due.Charge.Amount, token.Value, key, renewal.Subscription);
            return new RenewalOutcome(renewal, await charger.ChargeAsync(request, cancellationToken));
        }
        catch (AcquirerUnavailableException e)
        {
            LogAcquirerUnavailable(log, renewal.SubscriptionId, key, tries, e.Message);
            return new RenewalOutcome(renewal, RetryReason: e.Message);
        }
        catch (AcquirerRejectedException e)
        {
            // The acquirer refused the request itself (our settings, or a charge it cannot make): not the shopper's
            // decline, so no dunning. The charge stays in flight under its key for the operator to fix and the next try.
            LogAcquirerRejected(log, renewal.SubscriptionId, key, tries, e.Message);
            return new RenewalOutcome(renewal, RetryReason: e.Message);
        }
        catch (Exception e)
        {
            // The claim is given back; the next pass tries again, the charge in flight under the same key.
            if (e is not OperationCanceledException)
            {
                LogRenewalFailed(log, e, renewal.SubscriptionId);
            }
            return new RenewalOutcome(renewal);
        }
    }

    /// <summary>Records the batch in one transaction; should that fail, each outcome on its own, so one bad row holds up no other.</summary>
    private async Task RecordAsync(RenewalOutcome[] outcomes, WorkClaim claim)
    {
        try
        {
            await RecordInScopeAsync(outcomes, claim);
        }
        catch (Exception e) when (outcomes.Length > 1)
        {
            LogBatchRecordFailed(log, e, outcomes.Length);
            foreach (var outcome in outcomes)
            {
                try
                {
                    await RecordInScopeAsync([outcome], claim);
                }
                catch (Exception single)
                {
                    // Still held by the claim, its charge in flight: asked again under its key once the lease lapses.
                    LogRenewalFailed(log, single, outcome.Renewal.SubscriptionId);
                }
            }
        }
    }

    private async Task RecordInScopeAsync(RenewalOutcome[] outcomes, WorkClaim claim)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RenewalAnswers>().RecordAsync(outcomes, claim, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acquirer unavailable for renewal {IdempotencyKey} of subscription {SubscriptionId} (try {Tries}); it will be sent again with the same key: {Reason}")]
    private static partial void LogAcquirerUnavailable(ILogger logger, Guid subscriptionId, string idempotencyKey, int tries, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewal {IdempotencyKey} of subscription {SubscriptionId} was refused by the acquirer (try {Tries}): {Reason}")]
    private static partial void LogAcquirerRejected(ILogger logger, Guid subscriptionId, string idempotencyKey, int tries, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {SubscriptionId} is due but has no customer token (try {Tries})")]
    private static partial void LogNoToken(ILogger logger, Guid subscriptionId, int tries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewing subscription {SubscriptionId} failed; the next pass tries again")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, Guid subscriptionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording a batch of {Count} renewal outcomes failed; each is recorded on its own")]
    private static partial void LogBatchRecordFailed(ILogger logger, Exception exception, int count);
}
