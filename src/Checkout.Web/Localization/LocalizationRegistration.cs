namespace Checkout.Web.Localization;

using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

public static class LocalizationRegistration
{
    /// <summary>
    /// Shopper pages in the checkout session's locale, else the browser's Accept-Language among
    /// <c>Localization:SupportedCultures</c>, else <c>Localization:DefaultCulture</c>; sentences from ShopperText's resource files.
    /// </summary>
    public static IServiceCollection AddShopperLocalization(this IServiceCollection services)
    {
        // Everything but shopper text formats as it did in invariant mode, whatever the host's LANG: numbers, dates and
        // keys in logs, JSON and Klarna's requests never change with the shopper. Shopper text uses the UI culture.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        services.AddOptions<LocalizationSettings>().BindConfiguration(LocalizationSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LocalizationSettings>, LocalizationSettingsValidator>();
        services.AddLocalization();
        services.AddSingleton<ShopperText>();
        services.AddOptions<RequestLocalizationOptions>().Configure<IOptions<LocalizationSettings>>((options, settings) =>
        {
            var cultures = settings.Value.Cultures;
            options.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo(settings.Value.DefaultCulture));
            options.SupportedCultures = [CultureInfo.InvariantCulture];
            options.SupportedUICultures = [.. cultures.Select(name => CultureInfo.GetCultureInfo(name))];
            options.FallBackToParentCultures = false;
            options.FallBackToParentUICultures = false;
            options.RequestCultureProviders = [new SessionCultureProvider(cultures), new BrowserCultureProvider(cultures)];
        });
        return services;
    }
}
