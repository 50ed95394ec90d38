namespace Checkout.Web.Subscriptions;

using System.Globalization;
using Checkout.Domain.Pricing;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Localization;

/// <summary>One line of the shopper's past charges, in shopper words: never the acquirer's or Klarna's raw decline code.</summary>
public sealed record ShopperCharge(DateTimeOffset At, BillingPeriod Period, Money Amount, string Outcome, string Explanation)
{
    public const string FirstCharge = "The first payment, made when you signed up.";

    /// <summary>The sign-up's first charge (a subscription without a trial paid period 1 then) and every renewal attempt, oldest first.</summary>
    public static IReadOnlyList<ShopperCharge> Of(Subscription subscription)
    {
        var charges = new List<ShopperCharge>();
        if (subscription.BillingAnchor == subscription.SignedUpAt)
        {
            charges.Add(new(subscription.SignedUpAt, subscription.Period(1), subscription.Price, "Approved", FirstCharge));
        }
        charges.AddRange(subscription.Attempts
            .OrderBy(a => a.At)
            .Select(a => new ShopperCharge(a.At, subscription.Period(a.PeriodNumber), subscription.Price, ShopperWords.Outcome(a.Result), ShopperWords.Explanation(a.Result))));
        return charges;
    }
}

/// <summary>How a subscription reads to its shopper: in en-US here (also the keys of ShopperText's translations), in the request's culture where a <see cref="ShopperText"/> is given.</summary>
public static class ShopperWords
{
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    public static string Period(BillingPeriod period) => $"{Date(period.Start)} – {Date(period.End)}";

    public static string Period(BillingPeriod period, ShopperText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return $"{text.Date(period.Start)} – {text.Date(period.End)}";
    }

    public static string Status(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Trialing => "Free trial",
        SubscriptionStatus.Active => "Active",
        SubscriptionStatus.PastDue => "Payment overdue",
        SubscriptionStatus.Suspended => "Paused",
        SubscriptionStatus.Canceled => "Canceled",
        _ => status.ToString(),
    };

    /// <summary>What the status means for the shopper, in a sentence.</summary>
    public static string Explanation(Subscription subscription, ShopperText text)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(text);
        return subscription.Status switch
        {
            SubscriptionStatus.Trialing => text["Your free trial is on. Nothing has been charged yet."],
            SubscriptionStatus.Active => text["Your subscription is paid up."],
            SubscriptionStatus.PastDue when subscription.NextChargeAt is { } retry =>
                text["Your last payment was declined. We will try again on {0}.", text.Date(retry)],
            SubscriptionStatus.PastDue => text["Your last payment was declined."],
            SubscriptionStatus.Suspended => text["Your saved Klarna payment method is no longer valid, so nothing will be charged."],
            SubscriptionStatus.Canceled when subscription.CanceledAt is { } at => text["Your subscription ended on {0}. Nothing more will be charged.", text.Date(at)],
            _ => text["Your subscription has ended. Nothing more will be charged."],
        };
    }

    public static string Explanation(RenewalResult result) => result switch
    {
        RenewalResult.Approved => "The renewal was paid.",
        RenewalResult.Declined => "Klarna did not approve this payment.",
        RenewalResult.TokenRevoked => "Your saved Klarna payment method was withdrawn, so it can no longer be charged.",
        _ => "",
    };

    public static string Outcome(RenewalResult result) => result switch
    {
        RenewalResult.Approved => "Approved",
        RenewalResult.Declined => "Declined",
        RenewalResult.TokenRevoked => "Payment method no longer valid",
        _ => result.ToString(),
    };
}
