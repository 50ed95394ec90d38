namespace Checkout.Unit.Tests.Domain;

using Checkout.Domain.Plans;
using Checkout.Domain.Pricing;

/// <summary>Plans like the development settings' demo catalog, for tests of the domain and of Klarna's request building.</summary>
internal static class TestPlans
{
    public static readonly PlanCatalog Catalog = new(
    [
        new Plan
        {
            Id = "premium-monthly",
            Name = "Premium, monthly",
            Description = "Billed every month, first month charged today.",
            Kind = PlanKind.Subscription,
            Price = Money.Of(999, "USD"),
            Interval = BillingInterval.Month,
        },
        new Plan
        {
            Id = "family-trial",
            Name = "Family, 30-day free trial",
            Description = "Nothing to pay today; 14.99 USD a month after the trial.",
            Kind = PlanKind.Subscription,
            Price = Money.Of(1499, "USD"),
            Interval = BillingInterval.Month,
            FreeTrialDays = 30,
        },
        new Plan
        {
            Id = "rides-on-demand",
            Name = "City rides, pay as you go",
            Description = "A 5.00 USD starting credit is charged today.",
            Kind = PlanKind.OnDemand,
            Price = Money.Of(1800, "USD"),
            InitialChargeMinorUnits = 500,
            OnDemandMinimumMinorUnits = 300,
            OnDemandMaximumMinorUnits = 9000,
            OnDemandPurchaseInterval = BillingInterval.Week,
            OnDemandPurchaseIntervalFrequency = 2,
        },
    ]);

    public static Plan Find(string id) => Catalog.Find(id) ?? throw new ArgumentException($"No test plan {id}.", nameof(id));
}
