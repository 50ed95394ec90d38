namespace Checkout.Web.OnDemand;

using Checkout.Domain.OnDemand;

/// <summary>What asking for a ride charge came to; only the endpoint turns it into HTTP.</summary>
public abstract record RideChargeOutcome
{
    /// <summary>The charge as stored: new (<paramref name="Created"/>) or found again under the same key.</summary>
    public sealed record Charged(OnDemandCharge Charge, bool Created) : RideChargeOutcome;

    public sealed record UnknownCustomer : RideChargeOutcome;

    /// <summary>The customer's token cannot be charged with the customer present (a subscription's token, say).</summary>
    public sealed record WrongScope(string Detail) : RideChargeOutcome;

    public sealed record WrongCurrency(string Detail) : RideChargeOutcome;

    /// <summary>The amount is below the plan's on-demand minimum or above its maximum or the shop's ceiling; nothing was sent.</summary>
    public sealed record AmountOutOfBounds(string Detail) : RideChargeOutcome;

    public sealed record KeyReused : RideChargeOutcome;

    /// <summary>Another request with this key is being answered by the acquirer right now; the same key asks again.</summary>
    public sealed record InProgress(OnDemandCharge Charge) : RideChargeOutcome;

    /// <summary>The acquirer's answer is unknown; the charge stays pending and the same key asks again.</summary>
    public sealed record Unavailable(OnDemandCharge Charge, string Detail) : RideChargeOutcome;
}
