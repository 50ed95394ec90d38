namespace Checkout.Domain.Subscriptions;

using Checkout.Domain.Plans;
using Checkout.Domain.Pricing;

/// <summary>
/// A completed sign-up that renews: one charge per paid period, made later with the customer token.
/// Every time is given by the caller; the subscription never reads a clock.
/// </summary>
public sealed class Subscription
{
    private readonly List<RenewalAttempt> _attempts = [];

    private Subscription()
    {
    }

    /// <summary>The sign-up order's id: one sign-up makes one subscription, and the token vault keys its customer token by it.</summary>
    public Guid Id { get; private set; }

    public string PlanId { get; private set; } = "";

    /// <summary>The renewal price, in minor units of <see cref="Currency"/>, fixed at sign-up.</summary>
    public long PriceMinorUnits { get; private set; }

    public string Currency { get; private set; } = "";

    public BillingInterval Interval { get; private set; }

    public int IntervalFrequency { get; private set; }

    public TokenScope TokenScope { get; private set; }

    public SubscriptionStatus Status { get; private set; }

    public DateTimeOffset SignedUpAt { get; private set; }

    /// <summary>The start of period 1 (the trial's end, or the sign-up); every period boundary is counted from it.</summary>
    public DateTimeOffset BillingAnchor { get; private set; }

    /// <summary>The trial (0) or the last paid period.</summary>
    public int CurrentPeriodNumber { get; private set; }

    public DateTimeOffset CurrentPeriodStart { get; private set; }

    public DateTimeOffset CurrentPeriodEnd { get; private set; }

    /// <summary>When the next attempt is due: the next period's start, or a retry. Null when no charge will be made.</summary>
    public DateTimeOffset? NextChargeAt { get; private set; }

    public bool CancelAtPeriodEnd { get; private set; }

    /// <summary>The first declined attempt at the period being retried; retries count from it.</summary>
    public DateTimeOffset? PastDueSince { get; private set; }

    public DateTimeOffset? CanceledAt { get; private set; }

    /// <summary>Why the subscription is in its status: Klarna's or the acquirer's reason, or the shopper's cancellation.</summary>
    public string? StatusReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<RenewalAttempt> Attempts => _attempts;

    public Money Price => Money.Of(PriceMinorUnits, Currency);

    public BillingPeriod CurrentPeriod => new(CurrentPeriodNumber, CurrentPeriodStart, CurrentPeriodEnd);

    /// <summary>The period the next charge pays for.</summary>
    public int DuePeriodNumber => CurrentPeriodNumber + 1;

    /// <summary>When a cancellation the shopper asked for takes effect: the end of the trial or of the last paid period.</summary>
    public DateTimeOffset? CancelsAt => CancelAtPeriodEnd && !Status.IsFinal() ? CurrentPeriodEnd : null;

    /// <summary>
    /// Starts the subscription of a completed sign-up. A plan with a free trial signed up with a token only
    /// and starts <see cref="SubscriptionStatus.Trialing"/>, its first charge at the trial's end; any other
    /// subscription plan had its price authorized at sign-up and starts <see cref="SubscriptionStatus.Active"/>
    /// with period 1 paid. On-demand plans have no renewals and are refused.
    /// </summary>
    public static Subscription Start(SignUp signUp, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(signUp);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Kind != PlanKind.Subscription)
        {
            throw new ArgumentException($"Plan '{plan.Id}' is charged on demand; it has no renewals.", nameof(plan));
        }
        if (!string.Equals(signUp.PlanId, plan.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Order {signUp.OrderId:N} is for plan '{signUp.PlanId}', not '{plan.Id}'.", nameof(signUp));
        }
        if (signUp.ChargedAtSignUp != plan.DueNow)
        {
            throw new ArgumentException(
                $"Order {signUp.OrderId:N} charged {signUp.ChargedAtSignUp} at sign-up; plan '{plan.Id}' asks {plan.DueNow}.", nameof(signUp));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(plan.IntervalFrequency);

        var at = signUp.CompletedAt.ToUniversalTime();
        var anchor = plan.HasFreeTrial ? at.AddDays(plan.FreeTrialDays) : at;
        var subscription = new Subscription
        {
            Id = signUp.OrderId,
            PlanId = plan.Id,
            PriceMinorUnits = plan.Price.MinorUnits,
            Currency = plan.Price.Currency.Code,
            Interval = plan.Interval,
            IntervalFrequency = plan.IntervalFrequency,
            TokenScope = plan.TokenScope,
            SignedUpAt = at,
            BillingAnchor = anchor,
            CreatedAt = at,
            UpdatedAt = at,
        };
        if (plan.HasFreeTrial)
        {
            subscription.Status = SubscriptionStatus.Trialing;
            subscription.EnterPeriod(subscription.Period(0));
        }
        else
        {
            subscription.Status = SubscriptionStatus.Active;
            subscription.EnterPeriod(subscription.Period(1));
        }
        return subscription;
    }

    /// <summary>Period <paramref name="number"/>'s bounds: 0 is the trial, n ≥ 1 runs from boundary n − 1 to boundary n.</summary>
    public BillingPeriod Period(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        return number == 0
            ? new BillingPeriod(0, SignedUpAt, BillingAnchor)
            : new BillingPeriod(number, Boundary(number - 1), Boundary(number));
    }

    /// <summary>The next attempt the subscription expects, due now or later; null when it will charge nothing more.</summary>
    public RenewalAttemptDue? NextAttempt => NextChargeAt is { } at && Status.Renews()
        ? new RenewalAttemptDue(new RenewalCharge(Id, Period(DuePeriodNumber), Price), AttemptsAt(DuePeriodNumber) + 1, at)
        : null;

    /// <summary>The attempt due at <paramref name="now"/>, or null when no charge is due yet (or ever).</summary>
    public RenewalAttemptDue? ChargeDue(DateTimeOffset now) => NextAttempt is { } next && next.DueAt <= now ? next : null;

    /// <summary>
    /// Records an answered attempt and applies it: approved pays the period and makes the subscription
    /// <see cref="SubscriptionStatus.Active"/>; declined makes it <see cref="SubscriptionStatus.PastDue"/> with
    /// the schedule's next retry, or <see cref="SubscriptionStatus.Canceled"/> after the last; a revoked token
    /// suspends it. The same attempt recorded again changes nothing and returns false.
    /// </summary>
    public bool Record(RenewalAttempt attempt, DunningSchedule dunning)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(dunning);
        var earlier = _attempts.Find(a => a.PeriodNumber == attempt.PeriodNumber && a.AttemptNumber == attempt.AttemptNumber);
        if (earlier is not null)
        {
            return earlier.Result == attempt.Result
                ? false
                : throw new InvalidOperationException(
                    $"Attempt {attempt.AttemptNumber} at period {attempt.PeriodNumber} was recorded as {earlier.Result}; it cannot also be {attempt.Result}.");
        }
        if (!Status.Renews())
        {
            throw new InvalidOperationException($"A {Status} subscription is not charged; attempt {attempt.AttemptNumber} at period {attempt.PeriodNumber} cannot be recorded.");
        }
        var expected = AttemptsAt(DuePeriodNumber) + 1;
        if (attempt.PeriodNumber != DuePeriodNumber || attempt.AttemptNumber != expected)
        {
            throw new InvalidOperationException(
                $"The next attempt is {expected} at period {DuePeriodNumber}, not {attempt.AttemptNumber} at period {attempt.PeriodNumber}.");
        }

        switch (attempt.Result)
        {
            case RenewalResult.Approved:
                MoveTo(SubscriptionStatus.Active, attempt.At, null);
                EnterPeriod(Period(attempt.PeriodNumber));
                PastDueSince = null;
                break;
            case RenewalResult.Declined:
                var firstDeclinedAt = PastDueSince ?? attempt.At;
                var declines = _attempts.Count(a => a.PeriodNumber == attempt.PeriodNumber && a.Result == RenewalResult.Declined) + 1;
                if (dunning.NextRetryAt(firstDeclinedAt, declines) is { } retryAt)
                {
                    MoveTo(SubscriptionStatus.PastDue, attempt.At, attempt.Reason);
                    PastDueSince = firstDeclinedAt;
                    NextChargeAt = CancelAtPeriodEnd ? null : retryAt;
                }
                else
                {
                    MoveTo(SubscriptionStatus.Canceled, attempt.At, attempt.Reason);
                    CanceledAt = attempt.At;
                    NextChargeAt = null;
                }
                break;
            case RenewalResult.TokenRevoked:
                Suspend(attempt.At, attempt.Reason);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(attempt), attempt.Result, "Unknown renewal result.");
        }
        _attempts.Add(attempt);
        return true;
    }

    /// <summary>
    /// The operator asks for a past-due charge now: the next attempt (the same period and attempt number, so the
    /// same idempotency key) falls due at <paramref name="now"/>; nothing else changes. False when it is already due.
    /// </summary>
    public bool RetryNow(DateTimeOffset now)
    {
        if (Status != SubscriptionStatus.PastDue || NextChargeAt is not { } scheduled)
        {
            throw new InvalidOperationException($"Only a past-due subscription with a retry scheduled can be retried now; this one is {Status}.");
        }
        if (scheduled <= now)
        {
            return false;
        }
        NextChargeAt = now;
        return true;
    }

    /// <summary>Klarna reports the customer token revoked: suspended at once, no retries. False when already suspended or canceled.</summary>
    public bool RevokeToken(DateTimeOffset at, string? reason)
    {
        if (Status is SubscriptionStatus.Suspended || Status.IsFinal())
        {
            return false;
        }
        Suspend(at, reason);
        return true;
    }

    /// <summary>
    /// The shopper cancels at the period's end: no further charge is made, and the status stays as it is
    /// until <see cref="CancelsAt"/>. False when already canceling or canceled.
    /// </summary>
    public bool ScheduleCancellation(DateTimeOffset now)
    {
        if (CancelAtPeriodEnd || Status.IsFinal())
        {
            return false;
        }
        CancelAtPeriodEnd = true;
        NextChargeAt = null;
        Touch(now);
        return true;
    }

    public bool CancellationDue(DateTimeOffset now) => CancelsAt is { } at && at <= now;

    /// <summary>Ends a subscription whose shopper canceled, once <see cref="CancelsAt"/> has come.</summary>
    public void CompleteCancellation(DateTimeOffset now)
    {
        var endsAt = CancelsAt ?? throw new InvalidOperationException(
            $"A {Status} subscription without a cancellation at period end cannot be canceled at period end.");
        if (endsAt > now)
        {
            throw new InvalidOperationException($"The cancellation takes effect at {endsAt:O}, not before.");
        }
        MoveTo(SubscriptionStatus.Canceled, now, "Canceled by the shopper at the end of the period.");
        CanceledAt = endsAt;
        NextChargeAt = null;
    }

    private int AttemptsAt(int periodNumber) => _attempts.Count(a => a.PeriodNumber == periodNumber);

    private DateTimeOffset Boundary(int count) => BillingCalendar.Boundary(BillingAnchor, Interval, IntervalFrequency, count);

    private void EnterPeriod(BillingPeriod period)
    {
        CurrentPeriodNumber = period.Number;
        CurrentPeriodStart = period.Start;
        CurrentPeriodEnd = period.End;
        NextChargeAt = CancelAtPeriodEnd ? null : period.End;
    }

    private void Suspend(DateTimeOffset at, string? reason)
    {
        MoveTo(SubscriptionStatus.Suspended, at, reason);
        NextChargeAt = null;
        PastDueSince = null;
    }

    private void MoveTo(SubscriptionStatus next, DateTimeOffset at, string? reason)
    {
        if (next != Status)
        {
            SubscriptionTransitions.EnsureAllowed(Status, next);
        }
        Status = next;
        StatusReason = reason;
        Touch(at);
    }

    private void Touch(DateTimeOffset at)
    {
        if (at > UpdatedAt)
        {
            UpdatedAt = at;
        }
    }
}
