namespace Checkout.Web.Brand;

/// <summary>Settings under <c>Brand:</c>: the merchant's name, logo, colour and links, shown on every page.</summary>
public sealed class BrandSettings
{
    public const string Section = "Brand";

    /// <summary>The merchant's name, in the header and the page titles. Required.</summary>
    public string? DisplayName { get; set; }

    /// <summary>A path on this site (<c>/img/logo.svg</c>, from wwwroot) or an https URL; its origin joins the CSP's img-src. Empty: the name alone.</summary>
    public string? LogoUrl { get; set; }

    /// <summary>The buttons' and selection's colour, <c>#rgb</c> or <c>#rrggbb</c>. Empty: the stylesheet's.</summary>
    public string? AccentColor { get; set; }

    /// <summary>Where shoppers write with questions, in the footer. Empty: not shown.</summary>
    public string? SupportEmail { get; set; }

    public string? TermsUrl { get; set; }

    public string? PrivacyUrl { get; set; }

    /// <summary>The origin the logo loads from, when it is not this site's; null otherwise.</summary>
    public string? LogoOrigin =>
        Uri.TryCreate(LogoUrl, UriKind.Absolute, out var logo) && (logo.Scheme == Uri.UriSchemeHttps || logo.Scheme == Uri.UriSchemeHttp)
            ? logo.GetLeftPart(UriPartial.Authority)
            : null;
}
