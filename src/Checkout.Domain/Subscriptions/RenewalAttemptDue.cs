namespace Checkout.Domain.Subscriptions;

/// <summary>A charge attempt the scheduler should make now: which period, which attempt, under which key.</summary>
public sealed record RenewalAttemptDue(RenewalCharge Charge, int AttemptNumber, DateTimeOffset DueAt)
{
    public string IdempotencyKey => Charge.IdempotencyKeyFor(AttemptNumber);

    /// <summary>The attempt answered, ready for <see cref="Subscription.Record"/>.</summary>
    public RenewalAttempt Answered(RenewalResult result, DateTimeOffset at, string? reason = null) =>
        new(Charge.Period.Number, AttemptNumber, at, result, reason);
}
