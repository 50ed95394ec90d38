namespace Checkout.Domain.Subscriptions;

/// <summary>What the acquirer (or Klarna behind it) answered to one renewal attempt.</summary>
public enum RenewalResult
{
    Approved,
    Declined,

    /// <summary>The customer token is revoked: the subscription is suspended, with no retries.</summary>
    TokenRevoked,
}
