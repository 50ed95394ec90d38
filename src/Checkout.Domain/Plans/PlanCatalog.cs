namespace Checkout.Domain.Plans;

using Checkout.Domain.Pricing;

/// <summary>The plans on sale. The server prices every order from here.</summary>
public sealed class PlanCatalog
{
    private readonly Dictionary<string, Plan> _plans;

    public PlanCatalog(IEnumerable<Plan> plans)
    {
        _plans = plans.ToDictionary(p => p.Id, StringComparer.Ordinal);
        if (_plans.Count == 0)
        {
            throw new ArgumentException("A catalog needs at least one plan.", nameof(plans));
        }
    }

    public IReadOnlyCollection<Plan> Plans => _plans.Values;

    public Plan? Find(string? id) => id is not null && _plans.TryGetValue(id, out var plan) ? plan : null;

    public static PlanCatalog Default { get; } = new(
    [
        new Plan
        {
            Id = "premium-monthly",
            Name = "Premium, monthly",
            Description = "Ad-free listening on all your devices. Billed every month, first month charged today.",
            Kind = PlanKind.Subscription,
            Price = Money.Of(999, "USD"),
            Interval = BillingInterval.Month,
        },
        new Plan
        {
            Id = "family-trial",
            Name = "Family, 30-day free trial",
            Description = "Six accounts, one bill. Nothing to pay today; 14.99 USD a month after the trial.",
            Kind = PlanKind.Subscription,
            Price = Money.Of(1499, "USD"),
            Interval = BillingInterval.Month,
            FreeTrialDays = 30,
        },
        new Plan
        {
            Id = "rides-on-demand",
            Name = "City rides, pay as you go",
            Description = "Save Klarna for your rides and pay after each trip. A 5.00 USD starting credit is charged today.",
            Kind = PlanKind.OnDemand,
            Price = Money.Of(1800, "USD"),
            InitialChargeMinorUnits = 500,
            OnDemandMinimumMinorUnits = 300,
            OnDemandMaximumMinorUnits = 9000,
            OnDemandPurchaseInterval = BillingInterval.Week,
            OnDemandPurchaseIntervalFrequency = 2,
        },
    ]);
}
