namespace Checkout.Web.Telemetry;

using System.Diagnostics;
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
    public const string CorrelationIdTag = "klarna.correlation_id";
    public const string PaymentRequestIdTag = "klarna.payment_request_id";
    public const string EventIdTag = "klarna.event_id";
    public const string EventTypeTag = "klarna.event_type";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Tags the span with the order and its plan; nothing is allocated when the span is not recorded.</summary>
    public static void TagOrder(this Activity? activity, Order order)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OrderIdTag, order.Id.ToString());
            activity.SetTag(PlanTag, order.PlanId);
        }
    }

    public static void TagOrder(this Activity? activity, Guid orderId)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OrderIdTag, orderId.ToString());
        }
    }

    public static void TagIfRecorded(this Activity? activity, string name, string? value)
    {
        if (activity is { IsAllDataRequested: true } && value is not null)
        {
            activity.SetTag(name, value);
        }
    }
}
