namespace Checkout.Web.Subscriptions;

using Checkout.Acquiring;
using Checkout.Domain.Plans;
using Checkout.Domain.Subscriptions;
using Checkout.Domain.Tokens;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

/// <summary>
/// Works one subscription under a claim: charges the renewal that is due with the stored customer token and
/// records the answer, or completes a cancellation at period end. The charge is marked in flight before it is
/// sent; an answer lost to a timeout or a crash is asked for again under the same idempotency key, and a
/// cancellation waits until a charge in flight has its answer.
/// </summary>
public sealed partial class RenewalCharging(
    SubscriptionStore subscriptions,
    ICustomerTokenVault vault,
    PlanCatalog catalog,
    IServiceProvider services,
    WorkLease lease,
    IOptions<RenewalSettings> settings,
    TimeProvider clock,
    ILogger<RenewalCharging> log)
{
    private readonly DunningSchedule _dunning = DunningSchedule.FromDays(settings.Value.RetryAfterDays);

    /// <summary>Works the subscription when something is due and nobody else holds it; otherwise does nothing.</summary>
    public async Task RenewAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        var claim = lease.NewClaim();
        if (!await subscriptions.TryClaimAsync(subscriptionId, claim, cancellationToken))
        {
            return;
        }
        try
        {
            await RenewClaimedAsync(subscriptionId, claim, cancellationToken);
        }
        catch
        {
            // A charge in flight stays marked: the next try asks for its answer under the same key.
            await subscriptions.ReleaseAsync(subscriptionId, claim, CancellationToken.None);
            throw;
        }
    }

    private async Task RenewClaimedAsync(Guid subscriptionId, WorkClaim claim, CancellationToken cancellationToken)
    {
        if (await subscriptions.FindClaimedAsync(subscriptionId, claim, cancellationToken) is not var (subscription, work))
        {
            await subscriptions.ReleaseAsync(subscriptionId, claim, cancellationToken);
            return;
        }
        var now = clock.GetUtcNow();
        RenewalAttemptDue? due;
        if (work.InFlightKey is { } inFlightKey)
        {
            due = InFlight(subscription, work);
            if (due is null)
            {
                // Nothing can take this answer any more (the subscription was suspended or canceled meanwhile).
                LogInFlightDropped(log, subscriptionId, inFlightKey, subscription.Status);
                await subscriptions.SaveAsync(subscription, claim, cancellationToken);
                return;
            }
        }
        else
        {
            due = subscription.ChargeDue(now);
        }

        if (due is null)
        {
            if (subscription.CancellationDue(now))
            {
                subscription.CompleteCancellation(now);
                await subscriptions.SaveAsync(subscription, claim, cancellationToken);
                LogCanceled(log, subscriptionId);
            }
            else
            {
                // Another instance did it first, or nothing is due yet.
                await subscriptions.ReleaseAsync(subscriptionId, claim, cancellationToken);
            }
            return;
        }

        if (work.InFlightKey is null && !await subscriptions.MarkInFlightAsync(subscriptionId, claim, due, now, cancellationToken))
        {
            return;
        }
        if (await vault.FindAsync(subscriptionId, cancellationToken) is not { } token)
        {
            var tries = await subscriptions.RetryLaterAsync(work, claim, "No customer token is stored for this subscription.", cancellationToken);
            LogNoToken(log, subscriptionId, tries);
            return;
        }

        TokenChargeResult answer;
        try
        {
            // Resolved only now: a charge is due, and only then must an acquirer that charges tokens be configured.
            var charger = services.GetRequiredService<ITokenCharger>();
            answer = await charger.ChargeAsync(Request(subscription, due, token), cancellationToken);
        }
        catch (AcquirerUnavailableException e)
        {
            var tries = await subscriptions.RetryLaterAsync(work, claim, e.Message, cancellationToken);
            LogAcquirerUnavailable(log, subscriptionId, due.IdempotencyKey, tries, e.Message);
            return;
        }
        catch (AcquirerRejectedException e)
        {
            // The acquirer refused the request itself (our settings, or a charge it cannot make): not the shopper's
            // decline, so no dunning. The charge stays in flight under its key for the operator to fix and the next try.
            var tries = await subscriptions.RetryLaterAsync(work, claim, e.Message, cancellationToken);
            LogAcquirerRejected(log, subscriptionId, due.IdempotencyKey, tries, e.Message);
            return;
        }

        var result = ResultOf(answer.Status);
        subscription.Record(due.Answered(result, clock.GetUtcNow(), SubscriptionStore.Truncate(answer.Reason)), _dunning);
        // The acquirer answered: recorded even when the app is stopping, rather than asked again by the next process.
        await subscriptions.SaveAsync(subscription, claim, CancellationToken.None);
        LogAnswered(log, subscriptionId, due.IdempotencyKey, result, subscription.Status, subscription.NextChargeAt);
    }

    /// <summary>The attempt marked in flight, while the subscription can still record its answer.</summary>
    private static RenewalAttemptDue? InFlight(Subscription subscription, SubscriptionRenewal work)
    {
        if (!subscription.Status.Renews() || work.InFlightPeriodNumber != subscription.DuePeriodNumber || work.InFlightAttemptNumber is not { } attempt)
        {
            return null;
        }
        var due = new RenewalAttemptDue(
            new RenewalCharge(subscription.Id, subscription.Period(subscription.DuePeriodNumber), subscription.Price),
            attempt,
            work.InFlightSince ?? subscription.UpdatedAt);
        return due.IdempotencyKey == work.InFlightKey
            ? due
            : throw new InvalidOperationException($"Subscription {subscription.Id:N} has {work.InFlightKey} in flight, yet its attempt is {due.IdempotencyKey}.");
    }

    private TokenChargeRequest Request(Subscription subscription, RenewalAttemptDue due, CustomerToken token) => new(
        due.Charge.Key,
        due.Charge.Amount,
        token.Value,
        due.IdempotencyKey,
        new TokenChargeSubscription(
            subscription.Id.ToString("N"),
            subscription.PlanId,
            catalog.Find(subscription.PlanId)?.Name ?? subscription.PlanId,
            subscription.Interval.ToString().ToUpperInvariant(),
            subscription.IntervalFrequency,
            due.Charge.Period.Start,
            due.Charge.Period.End));

    private static RenewalResult ResultOf(TokenChargeStatus status) => status switch
    {
        TokenChargeStatus.Approved => RenewalResult.Approved,
        TokenChargeStatus.Declined => RenewalResult.Declined,
        TokenChargeStatus.TokenRevoked => RenewalResult.TokenRevoked,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown token charge status."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal {IdempotencyKey} of subscription {SubscriptionId}: {Result}; now {Status}, next charge {NextChargeAt:O}")]
    private static partial void LogAnswered(
        ILogger logger, Guid subscriptionId, string idempotencyKey, RenewalResult result, SubscriptionStatus status, DateTimeOffset? nextChargeAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acquirer unavailable for renewal {IdempotencyKey} of subscription {SubscriptionId} (try {Tries}); it will be sent again with the same key: {Reason}")]
    private static partial void LogAcquirerUnavailable(ILogger logger, Guid subscriptionId, string idempotencyKey, int tries, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewal {IdempotencyKey} of subscription {SubscriptionId} was refused by the acquirer (try {Tries}): {Reason}")]
    private static partial void LogAcquirerRejected(ILogger logger, Guid subscriptionId, string idempotencyKey, int tries, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {SubscriptionId} is due but has no customer token (try {Tries})")]
    private static partial void LogNoToken(ILogger logger, Guid subscriptionId, int tries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal {IdempotencyKey} of subscription {SubscriptionId} was in flight, but the subscription is {Status}: its answer can no longer be recorded")]
    private static partial void LogInFlightDropped(ILogger logger, Guid subscriptionId, string idempotencyKey, SubscriptionStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} canceled at the end of its period")]
    private static partial void LogCanceled(ILogger logger, Guid subscriptionId);
}
