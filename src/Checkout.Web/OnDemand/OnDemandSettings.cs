namespace Checkout.Web.OnDemand;

public sealed class OnDemandSettings
{
    public const string Section = "OnDemand";

    /// <summary>
    /// How long a stepped-up ride waits for the acquirer's answer before it is expired: longer than Klarna's purchase
    /// journey lives, so no acquirer can still finalize it.
    /// </summary>
    public TimeSpan StepUpLifetime { get; set; } = TimeSpan.FromDays(1);
}
