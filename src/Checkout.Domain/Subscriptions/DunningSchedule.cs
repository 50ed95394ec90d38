namespace Checkout.Domain.Subscriptions;

/// <summary>
/// When a declined renewal is tried again: each delay counts from the period's first declined attempt.
/// After the last retry is declined the subscription is canceled; no delays means no retries.
/// </summary>
public sealed class DunningSchedule
{
    public DunningSchedule(IEnumerable<TimeSpan> retryDelays)
    {
        ArgumentNullException.ThrowIfNull(retryDelays);
        RetryDelays = [.. retryDelays];
        for (var i = 0; i < RetryDelays.Count; i++)
        {
            if (RetryDelays[i] <= TimeSpan.Zero || (i > 0 && RetryDelays[i] <= RetryDelays[i - 1]))
            {
                throw new ArgumentException("Retry delays must be positive and increasing.", nameof(retryDelays));
            }
        }
    }

    /// <summary>Retries 1, 3 and 7 days after the first declined attempt: four attempts in all.</summary>
    public static DunningSchedule Default { get; } = FromDays(1, 3, 7);

    public IReadOnlyList<TimeSpan> RetryDelays { get; }

    /// <summary>Attempts per period: the first charge and every retry.</summary>
    public int MaxAttempts => RetryDelays.Count + 1;

    public static DunningSchedule FromDays(params int[] days) => new(days.Select(d => TimeSpan.FromDays(d)));

    /// <summary>When the next attempt is due after <paramref name="declinedAttempts"/> declines, or null when none is left.</summary>
    public DateTimeOffset? NextRetryAt(DateTimeOffset firstDeclinedAt, int declinedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(declinedAttempts);
        return declinedAttempts <= RetryDelays.Count ? firstDeclinedAt + RetryDelays[declinedAttempts - 1] : null;
    }
}
