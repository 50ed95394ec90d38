namespace Checkout.Web.OnDemand;

/// <summary>Settings under <c>OnDemand:</c>.</summary>
public sealed class OnDemandSettings
{
    public const string Section = "OnDemand";

    /// <summary>
    /// How long a stepped-up ride waits for the acquirer's answer before it is expired: longer than Klarna's purchase
    /// journey lives, so no acquirer can still finalize it.
    /// </summary>
    public TimeSpan StepUpLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The most one ride may charge, in minor units, whatever the plan allows: a ceiling against a runaway caller.</summary>
    public long MaxChargeMinorUnits { get; set; } = 100_000;
}
