namespace Checkout.Web.Infrastructure.Persistence;

/// <summary>Settings under <c>Worker:</c>.</summary>
public sealed class WorkerSettings
{
    public const string Section = "Worker";

    /// <summary>How long an instance's claim on a webhook event or an authorization lasts before another may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
