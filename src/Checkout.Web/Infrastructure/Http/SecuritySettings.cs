namespace Checkout.Web.Infrastructure.Http;

/// <summary>Settings under <c>Security:</c>.</summary>
public sealed class SecuritySettings
{
    public const string Section = "Security";

    /// <summary>Origins added to the Content-Security-Policy's connect-src, frame-src and img-src besides Klarna's listed hosts.</summary>
    public string[] KlarnaOrigins { get; set; } = [];
}
