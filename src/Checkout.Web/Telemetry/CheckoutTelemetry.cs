namespace Checkout.Web.Telemetry;

using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Checkout.Domain.Orders;

/// <summary>
/// The app's own ActivitySource and Meter, and the tags that tie a checkout's spans together across the
/// browser's requests, Klarna's webhook and the worker.
/// </summary>
public static class CheckoutTelemetry
{
    /// <summary>The name of the app's ActivitySource and of its Meter.</summary>
    public const string Name = "Checkout";

    public const string OrderIdTag = "checkout.order_id";
    public const string PlanTag = "checkout.plan";
    public const string CheckoutKeyTag = "checkout.key";
    public const string CorrelationIdTag = "klarna.correlation_id";
    public const string PaymentRequestIdTag = "klarna.payment_request_id";
    public const string EventIdTag = "klarna.event_id";
    public const string EventTypeTag = "klarna.event_type";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>
    /// True only for a span something will export. ASP.NET Core makes an activity per request for its log scopes
    /// even when nothing listens, and such an activity says it wants all data; tagging it would allocate for nothing.
    /// </summary>
    public static bool IsRecorded([NotNullWhen(true)] this Activity? activity) => activity is { IsAllDataRequested: true, Recorded: true };

    /// <summary>Tags the span with the order and its plan; nothing is allocated when the span is not recorded.</summary>
    public static void TagOrder(this Activity? activity, Order order)
    {
        if (activity.IsRecorded())
        {
            activity.SetTag(OrderIdTag, order.Id.ToString());
            activity.SetTag(PlanTag, order.PlanId);
            if (order.CheckoutKey is { } checkoutKey)
            {
                activity.SetTag(CheckoutKeyTag, checkoutKey.ToString());
            }
        }
    }

    /// <summary>Tags the page's span with the checkout key its order will be opened under, and the plan.</summary>
    public static void TagCheckoutPage(this Activity? activity, Guid checkoutKey, string planId)
    {
        if (activity.IsRecorded())
        {
            activity.SetTag(CheckoutKeyTag, checkoutKey.ToString());
            activity.SetTag(PlanTag, planId);
        }
    }

    public static void TagOrder(this Activity? activity, Guid orderId)
    {
        if (activity.IsRecorded())
        {
            activity.SetTag(OrderIdTag, orderId.ToString());
        }
    }

    public static void TagIfRecorded(this Activity? activity, string name, string? value)
    {
        if (activity.IsRecorded() && value is not null)
        {
            activity.SetTag(name, value);
        }
    }
}
