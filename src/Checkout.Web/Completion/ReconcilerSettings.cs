namespace Checkout.Web.Completion;

/// <summary>Settings under <c>Reconciler:</c>.</summary>
public sealed class ReconcilerSettings
{
    public const string Section = "Reconciler";

    /// <summary>How often to look for orders whose webhook never came.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an order must have been quiet before the reconciler asks about it.</summary>
    public TimeSpan MinimumAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When a journey the shopper left is cancelled at Klarna.</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>When a checkout page that never reached Klarna is closed.</summary>
    public TimeSpan OpenPageLifetime { get; set; } = TimeSpan.FromHours(24);
}
