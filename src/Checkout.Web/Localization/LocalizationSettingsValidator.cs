namespace Checkout.Web.Localization;

using System.Globalization;
using Microsoft.Extensions.Options;

/// <summary>Fails start-up when a <c>Localization:</c> culture is not a language and region the system knows, or the default is not among them.</summary>
public sealed class LocalizationSettingsValidator : IValidateOptions<LocalizationSettings>
{
    public ValidateOptionsResult Validate(string? name, LocalizationSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var culture in options.Cultures)
        {
            if (!IsSpecific(culture))
            {
                failures.Add($"Localization:SupportedCultures has \"{culture}\", which is not a language and region code such as de-DE.");
            }
        }
        if (!options.Cultures.Contains(options.DefaultCulture, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"Localization:DefaultCulture \"{options.DefaultCulture}\" is not one of Localization:SupportedCultures ({string.Join(", ", options.Cultures)}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsSpecific(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }
        try
        {
            return !CultureInfo.GetCultureInfo(name, predefinedOnly: true).IsNeutralCulture;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
