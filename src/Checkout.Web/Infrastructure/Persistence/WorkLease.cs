namespace Checkout.Web.Infrastructure.Persistence;

using Checkout.Web.Infrastructure.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;

/// <summary>
/// This instance's name on the background work it claims in the database (<c>ClaimedBy</c>), and how long
/// a claim lasts (<c>Worker:LeaseDuration</c>, default 2 minutes) before another instance may take it over.
/// </summary>
public sealed class WorkLease(IOptions<WorkerSettings> settings, TimeProvider clock)
{
    public string InstanceId { get; } = $"{Environment.MachineName[..Math.Min(100, Environment.MachineName.Length)]}-{Guid.NewGuid():N}";

    public TimeSpan Duration { get; } = settings.Value.LeaseDuration;

    /// <summary>A claim of its own for one batch, so two claims by this instance never mistake each other's rows.</summary>
    public WorkClaim NewClaim()
    {
        var now = clock.GetUtcNow();
        return new WorkClaim($"{InstanceId}/{Guid.NewGuid():N}", now, now + Duration);
    }

    /// <summary>How long a row waits after its <paramref name="attempts"/>th failure: doubling from 2 seconds, at most 5 minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempts, 9))));
}

/// <summary>One claim: rows whose lease lapsed before <see cref="Now"/> may be taken until <see cref="Until"/>.</summary>
public sealed record WorkClaim(string Owner, DateTimeOffset Now, DateTimeOffset Until);

/// <summary>A row of background work (a webhook event, an authorization owed): held by one instance at a time, retried with backoff.</summary>
public interface ILeasedWork
{
    int Attempts { get; set; }

    DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The instance working on this row now (see <see cref="WorkLease"/>); null when nobody is.</summary>
    string? ClaimedBy { get; set; }

    /// <summary>When the claim lapses and another instance may take the row over.</summary>
    DateTimeOffset? ClaimedUntil { get; set; }
}

/// <summary>
/// The claim, release and backoff statements every kind of background work shares. Each is one conditional
/// UPDATE, so two instances on one database never both hold a row, and a claimer whose lease lapsed can no
/// longer write its result.
/// </summary>
public static class LeasedWork
{
    /// <summary>
    /// Rows due at <paramref name="now"/> that nobody holds, or whose holder's lease lapsed. WebhookInbox's SQLite claim
    /// and finish spell this rule and <see cref="ReleaseAsync{T}"/>'s out in SQL: a change here goes there too.
    /// </summary>
    public static IQueryable<T> Claimable<T>(this IQueryable<T> rows, DateTimeOffset now)
        where T : class, ILeasedWork =>
        rows.Where(r => r.NextAttemptAt <= now && (r.ClaimedUntil == null || r.ClaimedUntil < now));

    /// <summary>Takes the claimable ones among <paramref name="rows"/> for <paramref name="claim"/>; returns how many it won.</summary>
    public static Task<int> ClaimAsync<T>(this IQueryable<T> rows, WorkClaim claim, CancellationToken cancellationToken)
        where T : class, ILeasedWork =>
        rows.Claimable(claim.Now).ExecuteUpdateAsync(
            set => set.SetProperty(r => r.ClaimedBy, claim.Owner).SetProperty(r => r.ClaimedUntil, claim.Until),
            cancellationToken);

    public static IQueryable<T> HeldBy<T>(this IQueryable<T> rows, WorkClaim claim)
        where T : class, ILeasedWork =>
        rows.Where(r => r.ClaimedBy == claim.Owner);

    /// <summary>Writes <paramref name="result"/> only on the rows <paramref name="claim"/> still holds, and clears the claim.</summary>
    public static Task<int> ReleaseAsync<T>(
        this IQueryable<T> rows, WorkClaim claim, Action<UpdateSettersBuilder<T>> result, CancellationToken cancellationToken)
        where T : class, ILeasedWork =>
        rows.HeldBy(claim).ExecuteUpdateAsync(
            set =>
            {
                result(set);
                set.SetProperty(r => r.ClaimedBy, (string?)null).SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null);
            },
            cancellationToken);

    /// <summary>Records a failed attempt (the <paramref name="attempts"/>th) and gives the row back until its <see cref="WorkLease.Backoff"/> has passed.</summary>
    public static Task<int> RetryLaterAsync<T>(
        this IQueryable<T> rows,
        WorkClaim claim,
        int attempts,
        DateTimeOffset now,
        Action<UpdateSettersBuilder<T>> alsoRecord,
        CancellationToken cancellationToken)
        where T : class, ILeasedWork
    {
        var nextAttemptAt = now + WorkLease.Backoff(attempts);
        return rows.ReleaseAsync(
            claim,
            set =>
            {
                alsoRecord(set);
                set.SetProperty(r => r.Attempts, attempts).SetProperty(r => r.NextAttemptAt, nextAttemptAt);
            },
            cancellationToken);
    }
}
