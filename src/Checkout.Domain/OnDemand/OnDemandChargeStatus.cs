namespace Checkout.Domain.OnDemand;

public enum OnDemandChargeStatus
{
    /// <summary>Stored, and sent (or about to be sent) to the acquirer; its answer is not recorded yet.</summary>
    Pending,

    /// <summary>Klarna wants the shopper to approve in the purchase journey; the acquirer finalizes after that.</summary>
    StepUpRequired,

    Approved,

    Declined,

    /// <summary>The shopper revoked the token (in the Klarna app): no charge with it can succeed again.</summary>
    TokenRevoked,

    /// <summary>Stepped up, and no answer came within <c>OnDemand:StepUpLifetime</c>: no journey can finish it now, nothing was charged.</summary>
    Expired,
}
