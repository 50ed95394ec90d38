namespace Checkout.Klarna.PaymentRequests;

using System.Globalization;
using Checkout.Domain.Orders;
using Checkout.Domain.Plans;

/// <summary>Builds the payment request for an order from the server's own plan and price.</summary>
public static class PaymentRequestFactory
{
    public static PaymentRequestBody Create(
        Order order, Plan plan, string paymentOptionId, Uri returnUrl, DateOnly today, KlarnaCustomer? customer = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(returnUrl);
        if (!returnUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("Klarna needs an absolute return URL.", nameof(returnUrl));
        }

        return new PaymentRequestBody
        {
            Currency = order.Currency,
            Amount = order.ChargesNow ? order.AmountDueMinorUnits : null,
            PaymentRequestReference = order.Reference,
            PaymentOptionId = paymentOptionId,
            RequestCustomerToken = new RequestCustomerToken([ScopeName(plan.TokenScope)], order.Reference),
            SupplementaryPurchaseData = new SupplementaryPurchaseData
            {
                PurchaseReference = order.Reference,
                Customer = customer is { Email: null, GivenName: null, FamilyName: null } ? null : customer,
                LineItems = order.ChargesNow
                    ? [new LineItem(plan.Name, 1, order.AmountDueMinorUnits, order.AmountDueMinorUnits, LineItemReference: plan.Id)]
                    : null,
                Subscriptions = plan.Kind == PlanKind.Subscription ? [SubscriptionOf(plan, today)] : null,
                OndemandService = plan.Kind == PlanKind.OnDemand
                    ? new OnDemandService(
                        plan.Price.MinorUnits,
                        plan.OnDemandMinimumMinorUnits,
                        plan.OnDemandMaximumMinorUnits,
                        IntervalName(plan.OnDemandPurchaseInterval),
                        plan.OnDemandPurchaseIntervalFrequency)
                    : null,
            },
            CustomerInteractionConfig = new CustomerInteractionConfig("HANDOVER", returnUrl.AbsoluteUri),
        };
    }

    public static string ScopeName(TokenScope scope) => scope switch
    {
        TokenScope.CustomerNotPresent => "payment:customer_not_present",
        _ => "payment:customer_present",
    };

    private static string IntervalName(BillingInterval interval) => interval.ToString().ToUpperInvariant();

    private static Subscription SubscriptionOf(Plan plan, DateOnly today) => new(
        plan.Id,
        plan.Name,
        plan.HasFreeTrial ? "ACTIVE" : "INACTIVE",
        [
            new BillingPlan(
                plan.Price.MinorUnits,
                plan.Price.Currency.Code,
                plan.FirstBillingDate(today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IntervalName(plan.Interval),
                plan.IntervalFrequency),
        ]);
}
