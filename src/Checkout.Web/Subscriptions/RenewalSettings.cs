namespace Checkout.Web.Subscriptions;

/// <summary>Settings under <c>Renewals:</c>: when subscriptions are charged again, and how declined renewals are retried.</summary>
public sealed class RenewalSettings
{
    public const string Section = "Renewals";

    /// <summary>Days after a period's first declined renewal to try again; null: 1, 3 and 7. After the last, the subscription is canceled.</summary>
    public int[]? RetryAfter { get; set; }

    /// <summary>
    /// How many due subscriptions one pass of the scheduler lists, claims and answers together. A pass has costs of its
    /// own (the due lookup, two transactions and their commits): with 100,000 due, 200 a pass took a third less app CPU
    /// per renewal than 50. All of a batch's charges must be answered within <c>Worker:LeaseDuration</c>.
    /// </summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How many renewal charges one instance sends at once, at most.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>How often the scheduler looks for renewals and cancellations that have come due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public int[] RetryAfterDays => RetryAfter ?? [1, 3, 7];

    public bool HasValidRetries => RetryAfterDays.All(d => d > 0) && RetryAfterDays.Zip(RetryAfterDays.Skip(1)).All(p => p.First < p.Second);
}
