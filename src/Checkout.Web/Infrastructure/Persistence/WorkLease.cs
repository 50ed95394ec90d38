namespace Checkout.Web.Infrastructure.Persistence;

using Checkout.Web.Infrastructure.Options;
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
}

/// <summary>One claim: rows whose lease lapsed before <see cref="Now"/> may be taken until <see cref="Until"/>.</summary>
public sealed record WorkClaim(string Owner, DateTimeOffset Now, DateTimeOffset Until);
