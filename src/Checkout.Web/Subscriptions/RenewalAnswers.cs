namespace Checkout.Web.Subscriptions;

using Checkout.Acquiring;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

/// <summary>
/// The last step of a batch, in one transaction: the answers recorded on their subscriptions with the claim's release
/// (only while the claim still holds every one of them: otherwise nothing is saved, and <see cref="RenewalCharging"/>
/// records each on its own), each try without an answer put off under the same key, each interrupted one given back
/// as it was.
/// </summary>
public sealed partial class RenewalAnswers(
    SubscriptionStore subscriptions, IOptions<RenewalSettings> settings, TimeProvider clock, ILogger<RenewalAnswers> log)
{
    private readonly DunningSchedule _dunning = DunningSchedule.FromDays(settings.Value.RetryAfterDays);

    public async Task RecordAsync(IReadOnlyList<RenewalOutcome> outcomes, WorkClaim claim, CancellationToken cancellationToken)
    {
        var recorded = await subscriptions.InTransactionAsync(
            async () =>
            {
                var answered = new List<(Subscription Subscription, string IdempotencyKey, RenewalResult Result)>();
                var withAnswers = outcomes.Where(o => o.Answer is not null).ToList();
                var ids = withAnswers.Select(o => o.Renewal.SubscriptionId).ToList();
                if (ids.Count > 0 && await subscriptions.ReleaseAnsweredAsync(ids, claim, cancellationToken) != ids.Count)
                {
                    if (ids.Count > 1)
                    {
                        throw new InvalidOperationException($"The claim lapsed on some of {ids.Count} subscriptions before their answers were saved.");
                    }
                    // Another instance holds it now and asks again under the same key; the acquirer gives it this answer.
                    LogClaimLapsed(log, ids[0], withAnswers[0].Renewal.Due.IdempotencyKey);
                    (withAnswers, ids) = ([], []);
                }
                var tracked = await subscriptions.FindAllTrackedAsync(ids, cancellationToken);
                foreach (var outcome in withAnswers)
                {
                    var subscription = tracked[outcome.Renewal.SubscriptionId];
                    var result = ResultOf(outcome.Answer!.Status);
                    subscription.Record(outcome.Renewal.Due.Answered(result, clock.GetUtcNow(), SubscriptionStore.Truncate(outcome.Answer.Reason)), _dunning);
                    answered.Add((subscription, outcome.Renewal.Due.IdempotencyKey, result));
                }
                foreach (var outcome in outcomes.Where(o => o.Answer is null))
                {
                    if (outcome.RetryReason is { } reason)
                    {
                        await subscriptions.RetryLaterAsync(outcome.Renewal.Work, claim, reason, cancellationToken);
                    }
                    else
                    {
                        await subscriptions.ReleaseAsync(outcome.Renewal.SubscriptionId, claim, cancellationToken);
                    }
                }
                await subscriptions.SaveChangesAsync([.. answered.Select(a => a.Subscription)], cancellationToken);
                return answered;
            },
            cancellationToken);
        foreach (var (subscription, key, result) in recorded)
        {
            LogAnswered(log, subscription.Id, key, result, subscription.Status, subscription.NextChargeAt);
        }
    }

    private static RenewalResult ResultOf(TokenChargeStatus status) => status switch
    {
        TokenChargeStatus.Approved => RenewalResult.Approved,
        TokenChargeStatus.Declined => RenewalResult.Declined,
        TokenChargeStatus.TokenRevoked => RenewalResult.TokenRevoked,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown token charge status."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal {IdempotencyKey} of subscription {SubscriptionId}: {Result}; now {Status}, next charge {NextChargeAt:O}")]
    private static partial void LogAnswered(ILogger logger, Guid subscriptionId, string idempotencyKey, RenewalResult result, SubscriptionStatus status, DateTimeOffset? nextChargeAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The claim on subscription {SubscriptionId} lapsed before the answer to {IdempotencyKey} was saved; the next claimer asks again under that key")]
    private static partial void LogClaimLapsed(ILogger logger, Guid subscriptionId, string idempotencyKey);
}
