namespace Checkout.Web.Infrastructure.Options;

/// <summary>Settings under <c>Checkout:</c>.</summary>
public sealed class CheckoutSettings
{
    public const string Section = "Checkout";

    /// <summary>The public root behind a proxy, for return URLs; empty: the request's own.</summary>
    public string? PublicBaseUrl { get; set; }
}
