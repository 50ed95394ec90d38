namespace Checkout.Web.Infrastructure.Http;

/// <summary>Settings under <c>RateLimits:</c>: requests per minute per client.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    public int PaymentsPerMinute { get; set; } = 120;

    /// <summary>Pages and status reads.</summary>
    public int ReadsPerMinute { get; set; } = 1200;

    public int WebhooksPerMinute { get; set; } = 60_000;
}
