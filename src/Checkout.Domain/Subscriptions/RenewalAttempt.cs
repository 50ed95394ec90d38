namespace Checkout.Domain.Subscriptions;

/// <summary>One answered attempt at a period's charge, with the reason Klarna or the acquirer gave.</summary>
public sealed record RenewalAttempt(int PeriodNumber, int AttemptNumber, DateTimeOffset At, RenewalResult Result, string? Reason);
