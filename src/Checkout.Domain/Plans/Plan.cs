namespace Checkout.Domain.Plans;

using Checkout.Domain.Pricing;

/// <summary>What the shopper signs up for. Prices come from here, never from the browser.</summary>
public sealed record Plan
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public required PlanKind Kind { get; init; }

    /// <summary>The recurring price for subscriptions; the expected average charge for on-demand services.</summary>
    public required Money Price { get; init; }

    public BillingInterval Interval { get; init; } = BillingInterval.Month;

    public int IntervalFrequency { get; init; } = 1;

    /// <summary>Days before the first charge; zero means the first charge is due at sign-up.</summary>
    public int FreeTrialDays { get; init; }

    /// <summary>Charged at sign-up for on-demand services (zero: token only).</summary>
    public long InitialChargeMinorUnits { get; init; }

    public long OnDemandMinimumMinorUnits { get; init; }

    public long OnDemandMaximumMinorUnits { get; init; }

    /// <summary>How often an on-demand shopper is expected to buy: with the amounts, what Klarna's <c>ondemand_service</c> asks.</summary>
    public BillingInterval OnDemandPurchaseInterval { get; init; } = BillingInterval.Week;

    public int OnDemandPurchaseIntervalFrequency { get; init; } = 1;

    /// <summary>The name and description by culture name (<c>de-DE</c>, any case), where the merchant gave them.</summary>
    public IReadOnlyDictionary<string, PlanWords> Translations { get; init; } = NoTranslations;

    public static IReadOnlyDictionary<string, PlanWords> NoTranslations { get; } = new Dictionary<string, PlanWords>();

    /// <summary>What a shopper reading <paramref name="culture"/> sees: its translation, else <see cref="Name"/> and <see cref="Description"/>.</summary>
    public PlanWords WordsIn(string culture) => Translations.TryGetValue(culture, out var words) ? words : new PlanWords(Name, Description);

    public bool HasFreeTrial => Kind == PlanKind.Subscription && FreeTrialDays > 0;

    /// <summary>The money due when the shopper signs up; zero when only a customer token is created.</summary>
    public Money DueNow => Kind switch
    {
        PlanKind.Subscription => HasFreeTrial ? new Money(0, Price.Currency) : Price,
        _ => new Money(InitialChargeMinorUnits, Price.Currency),
    };

    /// <summary>The token scope Klarna must grant for the charges this plan will make later.</summary>
    public TokenScope TokenScope => Kind == PlanKind.Subscription ? TokenScope.CustomerNotPresent : TokenScope.CustomerPresent;

    /// <summary>
    /// The date of the first charge made later with the customer token: the end of the trial, or one
    /// interval after a sign-up that was charged at once.
    /// </summary>
    public DateOnly FirstBillingDate(DateOnly signUpDate) => HasFreeTrial
        ? signUpDate.AddDays(FreeTrialDays)
        : Interval switch
        {
            BillingInterval.Day => signUpDate.AddDays(IntervalFrequency),
            BillingInterval.Week => signUpDate.AddDays(7 * IntervalFrequency),
            BillingInterval.Month => signUpDate.AddMonths(IntervalFrequency),
            _ => signUpDate.AddYears(IntervalFrequency),
        };
}

/// <summary>A plan's name and description in one language.</summary>
public sealed record PlanWords(string Name, string Description);
