namespace Checkout.Web.Subscriptions;

using Checkout.Acquiring;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

/// <summary>
/// The last step of a batch, in one transaction: each answer recorded on its subscription with the claim's release
/// (only while the claim still holds the row), each try without an answer put off under the same key, each
/// interrupted one given back as it was.
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
                var tracked = await subscriptions.FindAllTrackedAsync([.. outcomes.Where(o => o.Answer is not null).Select(o => o.Renewal.SubscriptionId)], cancellationToken);
                foreach (var outcome in outcomes)
                {
                    var id = outcome.Renewal.SubscriptionId;
                    if (outcome.Answer is { } answer)
                    {
                        if (!await subscriptions.ReleaseAnsweredAsync(id, claim, cancellationToken) || !tracked.TryGetValue(id, out var subscription))
                        {
                            // Another instance holds it now and asks again under the same key; the acquirer gives it this answer.
                            LogClaimLapsed(log, id, outcome.Renewal.Due.IdempotencyKey);
                            continue;
                        }
                        var result = ResultOf(answer.Status);
                        subscription.Record(outcome.Renewal.Due.Answered(result, clock.GetUtcNow(), SubscriptionStore.Truncate(answer.Reason)), _dunning);
                        await subscriptions.StageChangesAsync(subscription, cancellationToken);
                        answered.Add((subscription, outcome.Renewal.Due.IdempotencyKey, result));
                    }
                    else if (outcome.RetryReason is { } reason)
                    {
                        await subscriptions.RetryLaterAsync(outcome.Renewal.Work, claim, reason, cancellationToken);
                    }
                    else
                    {
                        await subscriptions.ReleaseAsync(id, claim, cancellationToken);
                    }
                }
                await subscriptions.SaveChangesAsync(cancellationToken);
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
