namespace Checkout.Web.Pages;

using Checkout.Domain.Plans;
using Checkout.Web.Localization;

/// <summary>How a plan's price reads to a shopper, in the request's culture; amounts and words through <see cref="ShopperText"/>.</summary>
public static class PlanText
{
    public static string PriceLine(Plan plan, ShopperText text)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(text);
        return plan.Kind switch
        {
            PlanKind.Subscription => text["{0} {1}", text.Money(plan.Price), Every(plan, text)],
            _ => text["Pay per ride, typically {0}", text.Money(plan.Price)],
        };
    }

    public static string Every(Plan plan, ShopperText text)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(text);
        return (plan.Interval, plan.IntervalFrequency) switch
        {
            (BillingInterval.Day, 1) => text["every day"],
            (BillingInterval.Week, 1) => text["every week"],
            (BillingInterval.Month, 1) => text["every month"],
            (BillingInterval.Year, 1) => text["every year"],
            (BillingInterval.Day, var n) => text["every {0} days", n],
            (BillingInterval.Week, var n) => text["every {0} weeks", n],
            (BillingInterval.Month, var n) => text["every {0} months", n],
            (_, var n) => text["every {0} years", n],
        };
    }
}
