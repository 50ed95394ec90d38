namespace Checkout.Web.Localization;

using Microsoft.AspNetCore.Localization;

/// <summary>The browser's Accept-Language, best first by quality, each matched by <see cref="SupportedCulture.Closest"/>.</summary>
public sealed class BrowserCultureProvider(IReadOnlyList<string> supported) : RequestCultureProvider
{
    private const int MaxLanguagesRead = 5;

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var languages = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        var match = languages
            .OrderByDescending(language => language.Quality ?? 1)
            .Take(MaxLanguagesRead)
            .Select(language => SupportedCulture.Closest(supported, language.Value.Value))
            .FirstOrDefault(culture => culture is not null);
        return Task.FromResult(match is null ? null : new ProviderCultureResult(match));
    }
}
