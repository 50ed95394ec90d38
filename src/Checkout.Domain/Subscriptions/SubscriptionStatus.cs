namespace Checkout.Domain.Subscriptions;

public enum SubscriptionStatus
{
    /// <summary>Signed up for a free trial; the first charge is due at the trial's end.</summary>
    Trialing,

    /// <summary>The current period is paid; the next charge is due at its end.</summary>
    Active,

    /// <summary>A renewal was declined; retries follow the dunning schedule.</summary>
    PastDue,

    /// <summary>Ended: by the shopper at a period's end, or after the last declined retry. Final.</summary>
    Canceled,

    /// <summary>The customer token was revoked; nothing is charged until a new token replaces it.</summary>
    Suspended,
}
