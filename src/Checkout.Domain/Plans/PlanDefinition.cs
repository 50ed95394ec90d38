namespace Checkout.Domain.Plans;

using Checkout.Domain.Pricing;

/// <summary>
/// A plan as the merchant writes it in settings: names and numbers, amounts in minor units of <see cref="Currency"/>.
/// <see cref="Problems"/> says what is wrong with it, field by field; only a definition without problems becomes a
/// <see cref="Plan"/>.
/// </summary>
public sealed class PlanDefinition
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary><c>Subscription</c> or <c>OnDemand</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>An ISO 4217 code: USD, EUR, JPY, KWD.</summary>
    public string? Currency { get; set; }

    /// <summary>In minor units: the recurring price of a subscription, the typical charge of an on-demand service.</summary>
    public long PriceMinorUnits { get; set; }

    /// <summary><c>Day</c>, <c>Week</c>, <c>Month</c> (empty) or <c>Year</c>.</summary>
    public string? Interval { get; set; }

    public int IntervalFrequency { get; set; } = 1;

    public int FreeTrialDays { get; set; }

    public long InitialChargeMinorUnits { get; set; }

    public long OnDemandMinimumMinorUnits { get; set; }

    public long OnDemandMaximumMinorUnits { get; set; }

    /// <summary><c>Day</c>, <c>Week</c> (empty), <c>Month</c> or <c>Year</c>.</summary>
    public string? OnDemandPurchaseInterval { get; set; }

    public int OnDemandPurchaseIntervalFrequency { get; set; } = 1;

    /// <summary>The name and description in other languages, by culture (<c>de-DE</c>); a culture not listed reads <see cref="Name"/> and <see cref="Description"/>.</summary>
    public Dictionary<string, PlanTranslation> Translations { get; set; } = [];

    /// <summary>Plan ids travel in links and in Klarna's line item reference: letters, digits, '-', '_' and '.', at most this long.</summary>
    public const int MaxIdLength = 64;

    /// <summary>What is wrong with this definition, one problem per field; empty when it makes a plan.</summary>
    public IReadOnlyList<PlanProblem> Problems()
    {
        var problems = new List<PlanProblem>();
        void Add(string field, string message) => problems.Add(new PlanProblem(field, message));

        if (string.IsNullOrWhiteSpace(Id))
        {
            Add(nameof(Id), "is missing: a short name for links, such as premium-monthly.");
        }
        else if (Id.Length > MaxIdLength || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            Add(nameof(Id), $"\"{Id}\" must be at most {MaxIdLength} letters, digits, '-', '_' or '.'.");
        }
        if (string.IsNullOrWhiteSpace(Name))
        {
            Add(nameof(Name), "is missing: the name shoppers see.");
        }
        foreach (var (culture, translation) in Translations)
        {
            if (string.IsNullOrWhiteSpace(translation.Name))
            {
                Add($"{nameof(Translations)}:{culture}:{nameof(PlanTranslation.Name)}", $"is missing: the name shoppers reading {culture} see.");
            }
            if (!string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(translation.Description))
            {
                Add($"{nameof(Translations)}:{culture}:{nameof(PlanTranslation.Description)}",
                    $"is missing: the plan has a Description, so shoppers reading {culture} need one in their language too.");
            }
        }
        var kind = ParseKind();
        if (kind is null)
        {
            Add(nameof(Kind), $"\"{Kind}\" must be Subscription or OnDemand.");
        }
        if (!Pricing.Currency.TryParse(Currency, out _))
        {
            Add(nameof(Currency), $"\"{Currency}\" is not an ISO 4217 currency code (upper case, such as USD, EUR, JPY or KWD).");
        }
        if (PriceMinorUnits <= 0)
        {
            Add(nameof(PriceMinorUnits), $"is {PriceMinorUnits}: a price must be positive, in minor units (999 is 9.99 USD).");
        }
        if (ParseInterval(Interval, BillingInterval.Month) is null)
        {
            Add(nameof(Interval), $"\"{Interval}\" must be Day, Week, Month or Year.");
        }
        if (IntervalFrequency < 1)
        {
            Add(nameof(IntervalFrequency), $"is {IntervalFrequency}: it must be 1 or more.");
        }
        if (FreeTrialDays < 0)
        {
            Add(nameof(FreeTrialDays), $"is {FreeTrialDays}: it must be 0 (no trial) or more.");
        }
        else if (FreeTrialDays > 0 && kind == PlanKind.OnDemand)
        {
            Add(nameof(FreeTrialDays), "is set, but a free trial is for subscriptions only; this plan is OnDemand.");
        }
        if (kind == PlanKind.Subscription)
        {
            CheckNotSet(nameof(InitialChargeMinorUnits), InitialChargeMinorUnits, problems);
            CheckNotSet(nameof(OnDemandMinimumMinorUnits), OnDemandMinimumMinorUnits, problems);
            CheckNotSet(nameof(OnDemandMaximumMinorUnits), OnDemandMaximumMinorUnits, problems);
        }
        else if (kind == PlanKind.OnDemand)
        {
            CheckOnDemand(problems);
        }
        return problems;
    }

    /// <summary>The plan this definition describes; call only when it has no <see cref="Problems"/>.</summary>
    public Plan ToPlan()
    {
        if (Problems() is [var first, ..])
        {
            throw new InvalidOperationException($"Plan '{Id}': {first.Field} {first.Message}");
        }
        var currency = Pricing.Currency.Parse(Currency!);
        return new Plan
        {
            Id = Id!,
            Name = Name!,
            Description = Description ?? "",
            Kind = ParseKind()!.Value,
            Price = new Money(PriceMinorUnits, currency),
            Interval = ParseInterval(Interval, BillingInterval.Month)!.Value,
            IntervalFrequency = IntervalFrequency,
            FreeTrialDays = FreeTrialDays,
            InitialChargeMinorUnits = InitialChargeMinorUnits,
            OnDemandMinimumMinorUnits = OnDemandMinimumMinorUnits,
            OnDemandMaximumMinorUnits = OnDemandMaximumMinorUnits,
            OnDemandPurchaseInterval = ParseInterval(OnDemandPurchaseInterval, BillingInterval.Week)!.Value,
            OnDemandPurchaseIntervalFrequency = OnDemandPurchaseIntervalFrequency,
            Translations = Translations.Count == 0
                ? Plan.NoTranslations
                : Translations.ToDictionary(t => t.Key, t => new PlanWords(t.Value.Name!, t.Value.Description ?? ""), StringComparer.OrdinalIgnoreCase),
        };
    }

    private void CheckOnDemand(List<PlanProblem> problems)
    {
        if (InitialChargeMinorUnits < 0)
        {
            problems.Add(new(nameof(InitialChargeMinorUnits), $"is {InitialChargeMinorUnits}: it must be 0 (token only) or more."));
        }
        // Klarna's ondemand_service asks for minimum ≤ average ≤ maximum; the price is the average.
        if (OnDemandMinimumMinorUnits <= 0)
        {
            problems.Add(new(nameof(OnDemandMinimumMinorUnits), $"is {OnDemandMinimumMinorUnits}: the smallest charge must be positive."));
        }
        else if (OnDemandMinimumMinorUnits > PriceMinorUnits)
        {
            problems.Add(new(nameof(OnDemandMinimumMinorUnits),
                $"is {OnDemandMinimumMinorUnits}, above PriceMinorUnits {PriceMinorUnits}: the limits must be in order, minimum ≤ price ≤ maximum."));
        }
        if (OnDemandMaximumMinorUnits < PriceMinorUnits)
        {
            problems.Add(new(nameof(OnDemandMaximumMinorUnits),
                $"is {OnDemandMaximumMinorUnits}, below PriceMinorUnits {PriceMinorUnits}: the limits must be in order, minimum ≤ price ≤ maximum."));
        }
        if (ParseInterval(OnDemandPurchaseInterval, BillingInterval.Week) is null)
        {
            problems.Add(new(nameof(OnDemandPurchaseInterval), $"\"{OnDemandPurchaseInterval}\" must be Day, Week, Month or Year."));
        }
        if (OnDemandPurchaseIntervalFrequency < 1)
        {
            problems.Add(new(nameof(OnDemandPurchaseIntervalFrequency), $"is {OnDemandPurchaseIntervalFrequency}: it must be 1 or more."));
        }
    }

    private static void CheckNotSet(string field, long value, List<PlanProblem> problems)
    {
        if (value != 0)
        {
            problems.Add(new(field, "is set, but it is for on-demand plans only; this plan is a Subscription."));
        }
    }

    private PlanKind? ParseKind() => Parse<PlanKind>(Kind, null);

    private static BillingInterval? ParseInterval(string? value, BillingInterval empty) => Parse<BillingInterval>(value, empty);

    private static T? Parse<T>(string? value, T? empty)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return empty;
        }
        // Names only: Enum.TryParse would also take "7".
        return Enum.GetNames<T>().FirstOrDefault(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : null;
    }
}

/// <summary>A plan's name and description in one language, as the merchant writes it in settings.</summary>
public sealed class PlanTranslation
{
    public string? Name { get; set; }

    public string? Description { get; set; }
}

/// <summary>What is wrong with one field of a plan's definition; <see cref="Message"/> follows the field's name.</summary>
public sealed record PlanProblem(string Field, string Message);
