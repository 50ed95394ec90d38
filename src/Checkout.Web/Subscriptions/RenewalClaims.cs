namespace Checkout.Web.Subscriptions;

using Checkout.Acquiring;
using Checkout.Domain.Plans;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;

/// <summary>
/// The first step of a batch, in one transaction: claims the subscriptions that are due, marks each charge in flight
/// before it is sent, and finishes what needs no charge (a cancellation at period end, an answer nothing can take any
/// more, a subscription another instance already renewed).
/// </summary>
public sealed partial class RenewalClaims(SubscriptionStore subscriptions, PlanCatalog catalog, TimeProvider clock, ILogger<RenewalClaims> log)
{
    /// <summary>The renewals to send, each under <paramref name="claim"/> with its charge marked in flight.</summary>
    public Task<List<RenewalToCharge>> ClaimAsync(IReadOnlyCollection<Guid> subscriptionIds, WorkClaim claim, CancellationToken cancellationToken) =>
        subscriptions.InTransactionAsync(
            async () =>
            {
                var charges = new List<RenewalToCharge>();
                var changed = new List<Subscription>();
                foreach (var (subscription, work) in await subscriptions.ClaimAllAsync(subscriptionIds, claim, cancellationToken))
                {
                    RenewalAttemptDue? due;
                    try
                    {
                        due = Decide(subscription, work, changed);
                    }
                    catch (InvalidOperationException e)
                    {
                        // This one alone is given back as it was; the rest of the batch goes on.
                        LogRenewalFailed(log, e, subscription.Id);
                        subscriptions.GiveBack(work, answered: false);
                        continue;
                    }
                    if (due is not null)
                    {
                        charges.Add(new RenewalToCharge(work, due, Describe(subscription, due)));
                    }
                }
                await subscriptions.SaveChangesAsync(changed, cancellationToken);
                return charges;
            },
            cancellationToken);

    /// <summary>The attempt to send for a claimed subscription, noted in flight; or null, the subscription finished or given back.</summary>
    private RenewalAttemptDue? Decide(Subscription subscription, SubscriptionRenewal work, List<Subscription> changed)
    {
        var now = clock.GetUtcNow();
        if (work.InFlightKey is { } inFlightKey)
        {
            if (InFlight(subscription, work) is { } inFlight)
            {
                return inFlight;
            }
            // Nothing can take this answer any more (the subscription was suspended or canceled meanwhile).
            LogInFlightDropped(log, subscription.Id, inFlightKey, subscription.Status);
            subscriptions.GiveBack(work, answered: true);
            return null;
        }
        if (subscription.ChargeDue(now) is { } due)
        {
            SubscriptionStore.NoteInFlight(work, due, now);
            return due;
        }
        if (subscription.CancellationDue(now))
        {
            subscription.CompleteCancellation(now);
            subscriptions.GiveBack(work, answered: true);
            changed.Add(subscription);
            LogCanceled(log, subscription.Id);
            return null;
        }
        // Another instance did it first, or nothing is due yet.
        subscriptions.GiveBack(work, answered: false);
        return null;
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

    private TokenChargeSubscription Describe(Subscription subscription, RenewalAttemptDue due) => new(
        subscription.Id.ToString("N"),
        subscription.PlanId,
        catalog.Find(subscription.PlanId)?.Name ?? subscription.PlanId,
        subscription.Interval.ToString().ToUpperInvariant(),
        subscription.IntervalFrequency,
        due.Charge.Period.Start,
        due.Charge.Period.End);

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewing subscription {SubscriptionId} failed; the next pass tries again")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, Guid subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal {IdempotencyKey} of subscription {SubscriptionId} was in flight, but the subscription is {Status}: its answer can no longer be recorded")]
    private static partial void LogInFlightDropped(ILogger logger, Guid subscriptionId, string idempotencyKey, SubscriptionStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} canceled at the end of its period")]
    private static partial void LogCanceled(ILogger logger, Guid subscriptionId);
}
