namespace Checkout.Web.Localization;

using System.Globalization;

/// <summary>Finds the supported culture for what a session or a browser asked for: the same one, else the first of the same language (de-AT and de read de-DE).</summary>
public static class SupportedCulture
{
    public static string? Closest(IReadOnlyList<string> supported, string? asked)
    {
        ArgumentNullException.ThrowIfNull(supported);
        if (string.IsNullOrWhiteSpace(asked) || Known(asked) is not { } culture)
        {
            return null;
        }
        return supported.FirstOrDefault(name => string.Equals(name, asked, StringComparison.OrdinalIgnoreCase))
            ?? supported.FirstOrDefault(name => Known(name)?.TwoLetterISOLanguageName == culture.TwoLetterISOLanguageName);
    }

    private static CultureInfo? Known(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
