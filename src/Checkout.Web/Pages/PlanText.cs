namespace Checkout.Web.Pages;

using System.Globalization;
using Checkout.Domain.Plans;

/// <summary>How a plan's price reads to a shopper; amounts through <see cref="Domain.Pricing.Money.Display"/>, the one place money is formatted.</summary>
public static class PlanText
{
    public static string PriceLine(Plan plan, IFormatProvider? culture = null) => plan.Kind switch
    {
        PlanKind.Subscription => $"{plan.Price.Display(culture)} {Every(plan)}",
        _ => $"Pay per ride, typically {plan.Price.Display(culture)}",
    };

    public static string Every(Plan plan)
    {
        var unit = plan.Interval.ToString().ToLowerInvariant();
        return plan.IntervalFrequency == 1
            ? $"every {unit}"
            : string.Create(CultureInfo.InvariantCulture, $"every {plan.IntervalFrequency} {unit}s");
    }
}
