namespace Checkout.Unit.Tests.Domain;

using Checkout.Domain.Plans;
using Checkout.Domain.Pricing;

/// <summary>The merchant's catalog from settings: every bad field is named, and a good definition is the plan it says.</summary>
public sealed class PlanDefinitionTests
{
    private static PlanDefinition Monthly() => new()
    {
        Id = "premium-monthly", Name = "Premium", Kind = "Subscription", Currency = "USD", PriceMinorUnits = 999,
    };

    private static PlanDefinition Rides() => new()
    {
        Id = "rides", Name = "Rides", Kind = "OnDemand", Currency = "USD", PriceMinorUnits = 1800, InitialChargeMinorUnits = 500,
        OnDemandMinimumMinorUnits = 300, OnDemandMaximumMinorUnits = 9000,
    };

    public static TheoryData<string, Action<PlanDefinition>> BadSubscriptionFields => new()
    {
        { "Id", d => d.Id = "" },
        { "Id", d => d.Id = "premium monthly" },
        { "Name", d => d.Name = " " },
        { "Kind", d => d.Kind = "Weekly" },
        { "Kind", d => d.Kind = "1" },
        { "Currency", d => d.Currency = "XYZ" },
        { "Currency", d => d.Currency = "usd" },
        { "PriceMinorUnits", d => d.PriceMinorUnits = 0 },
        { "PriceMinorUnits", d => d.PriceMinorUnits = -100 },
        { "Interval", d => d.Interval = "Fortnight" },
        { "IntervalFrequency", d => d.IntervalFrequency = 0 },
        { "FreeTrialDays", d => d.FreeTrialDays = -1 },
        { "InitialChargeMinorUnits", d => d.InitialChargeMinorUnits = 500 },
        { "OnDemandMaximumMinorUnits", d => d.OnDemandMaximumMinorUnits = 9000 },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptionFields))]
    public void A_bad_field_of_a_subscription_is_the_one_problem_named(string field, Action<PlanDefinition> spoil)
    {
        var definition = Monthly();
        spoil(definition);

        var problem = Assert.Single(definition.Problems());
        Assert.Equal(field, problem.Field);
    }

    public static TheoryData<string, Action<PlanDefinition>> BadOnDemandFields => new()
    {
        { "FreeTrialDays", d => d.FreeTrialDays = 30 },
        { "OnDemandMinimumMinorUnits", d => d.OnDemandMinimumMinorUnits = 0 },
        { "OnDemandMinimumMinorUnits", d => d.OnDemandMinimumMinorUnits = 2000 },
        { "OnDemandMaximumMinorUnits", d => d.OnDemandMaximumMinorUnits = 1000 },
        { "InitialChargeMinorUnits", d => d.InitialChargeMinorUnits = -1 },
        { "OnDemandPurchaseInterval", d => d.OnDemandPurchaseInterval = "Hour" },
        { "OnDemandPurchaseIntervalFrequency", d => d.OnDemandPurchaseIntervalFrequency = 0 },
    };

    [Theory]
    [MemberData(nameof(BadOnDemandFields))]
    public void A_bad_field_of_an_on_demand_plan_is_the_one_problem_named(string field, Action<PlanDefinition> spoil)
    {
        var definition = Rides();
        spoil(definition);

        var problem = Assert.Single(definition.Problems());
        Assert.Equal(field, problem.Field);
    }

    [Fact]
    public void A_trial_on_a_plan_that_is_not_a_subscription_says_why()
    {
        var definition = Rides();
        definition.FreeTrialDays = 14;

        Assert.Contains("subscriptions only", Assert.Single(definition.Problems()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_are_named_on_the_second_plan_whatever_their_case()
    {
        var second = Monthly();
        second.Id = "Premium-Monthly";

        var problem = Assert.Single(PlanCatalog.Check([Monthly(), Rides(), second]));

        Assert.Equal(2, problem.Index);
        Assert.Equal("Id", problem.Problem.Field);
        Assert.Contains("plan 0", problem.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_without_plans_is_a_problem_of_the_catalog()
    {
        var problem = Assert.Single(PlanCatalog.Check([]));

        Assert.Null(problem.Index);
        Assert.Contains("no plans", problem.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_bad_plan_is_named_by_its_index_and_id()
    {
        var yen = Monthly();
        yen.Id = "yen";
        yen.Currency = "YEN";
        var free = Rides();
        free.PriceMinorUnits = 0;

        var problems = PlanCatalog.Check([Monthly(), yen, free]);

        Assert.Contains(problems, p => p is { Index: 1, PlanId: "yen", Problem.Field: "Currency" });
        Assert.Contains(problems, p => p is { Index: 2, PlanId: "rides", Problem.Field: "PriceMinorUnits" });
    }

    [Fact]
    public void A_good_definition_is_the_plan_it_describes_in_its_own_currency()
    {
        var definition = Monthly();
        definition.Currency = "KWD";
        definition.PriceMinorUnits = 2500;
        definition.Interval = "year";
        definition.FreeTrialDays = 7;

        var plan = Assert.Single(PlanCatalog.From([definition, Rides()]).Plans, p => p.Id == "premium-monthly");

        Assert.Equal(Money.Of(2500, "KWD"), plan.Price);
        Assert.Equal(BillingInterval.Year, plan.Interval);
        Assert.True(plan.HasFreeTrial);
        Assert.True(plan.DueNow.IsZero);
        Assert.Equal("2.500 KWD", plan.Price.Display());
    }

    [Fact]
    public void A_translated_plan_reads_in_the_shoppers_culture_whatever_its_case_and_as_written_in_any_other()
    {
        var definition = Monthly();
        definition.Description = "Ad-free.";
        definition.Translations["de-DE"] = new PlanTranslation { Name = "Premium, monatlich", Description = "Werbefrei." };

        var plan = definition.ToPlan();

        Assert.Equal(new PlanWords("Premium, monatlich", "Werbefrei."), plan.WordsIn("de-de"));
        Assert.Equal(new PlanWords("Premium", "Ad-free."), plan.WordsIn("fr-FR"));
    }

    [Fact]
    public void A_translation_without_a_name_or_without_the_description_the_plan_has_is_named_by_its_culture()
    {
        var definition = Monthly();
        definition.Description = "Ad-free.";
        definition.Translations["sv-SE"] = new PlanTranslation { Description = "Reklamfri." };
        definition.Translations["de-DE"] = new PlanTranslation { Name = "Premium" };

        var problems = definition.Problems().Select(p => p.Field).Order(StringComparer.Ordinal);

        Assert.Equal(["Translations:de-DE:Description", "Translations:sv-SE:Name"], problems);
    }

    [Fact]
    public void Empty_intervals_are_a_month_for_subscriptions_and_a_week_for_purchases()
    {
        var plans = PlanCatalog.From([Monthly(), Rides()]);

        Assert.Equal(BillingInterval.Month, plans.Find("premium-monthly")!.Interval);
        Assert.Equal(BillingInterval.Week, plans.Find("rides")!.OnDemandPurchaseInterval);
    }
}
