namespace Checkout.Web.Brand;

using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

/// <summary>
/// Fails start-up with one line per bad <c>Brand:</c> setting: a colour that is not one, a logo the page could not
/// load, an e-mail address that is not one, a link that is not https (plain http only in Development).
/// </summary>
public sealed partial class BrandSettingsValidator(IHostEnvironment environment) : IValidateOptions<BrandSettings>
{
    public const int MaxDisplayNameLength = 60;

    public ValidateOptionsResult Validate(string? name, BrandSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DisplayName))
        {
            failures.Add("Brand:DisplayName is missing: the store's name, shown in the header and the page titles.");
        }
        else if (options.DisplayName.Length > MaxDisplayNameLength)
        {
            failures.Add($"Brand:DisplayName is {options.DisplayName.Length} characters long; at most {MaxDisplayNameLength} fit the header.");
        }
        if (!string.IsNullOrWhiteSpace(options.AccentColor) && !HexColor().IsMatch(options.AccentColor))
        {
            failures.Add($"Brand:AccentColor \"{options.AccentColor}\" is not a colour: write it as #rgb or #rrggbb, such as #0b051d.");
        }
        if (!string.IsNullOrWhiteSpace(options.LogoUrl) && !IsSitePath(options.LogoUrl) && !IsWebUrl(options.LogoUrl))
        {
            failures.Add($"Brand:LogoUrl \"{options.LogoUrl}\" cannot be shown: give a path on this site (/img/logo.svg, from wwwroot) or an https URL"
                + (environment.IsDevelopment() ? " (or http in Development)." : "."));
        }
        if (!string.IsNullOrWhiteSpace(options.SupportEmail) && !IsEmail(options.SupportEmail))
        {
            failures.Add($"Brand:SupportEmail \"{options.SupportEmail}\" is not an e-mail address, such as support@shop.example.");
        }
        CheckLink("Brand:TermsUrl", options.TermsUrl, failures);
        CheckLink("Brand:PrivacyUrl", options.PrivacyUrl, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckLink(string key, string? value, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(value) && !IsWebUrl(value))
        {
            failures.Add($"{key} \"{value}\" must be an absolute https URL, such as https://shop.example/terms"
                + (environment.IsDevelopment() ? " (or http in Development)." : "."));
        }
    }

    /// <summary>https anywhere; plain http only in Development, where the store may run on a laptop.</summary>
    private bool IsWebUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && environment.IsDevelopment()))
        && !string.IsNullOrEmpty(uri.Host) && string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>A path served by this site, such as <c>/img/logo.svg</c>; not <c>//host/…</c>, which is another origin.</summary>
    private static bool IsSitePath(string value) =>
        value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal)
        && Uri.IsWellFormedUriString(value, UriKind.Relative);

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && address.DisplayName.Length == 0;

    [GeneratedRegex(@"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\z")]
    private static partial Regex HexColor();
}
