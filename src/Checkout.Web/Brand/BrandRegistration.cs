namespace Checkout.Web.Brand;

using System.Globalization;
using Microsoft.Extensions.Options;

public static class BrandRegistration
{
    /// <summary>The merchant's brand from <c>Brand:</c>, checked at start.</summary>
    public static IServiceCollection AddBrand(this IServiceCollection services)
    {
        services.AddOptions<BrandSettings>().BindConfiguration(BrandSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrandSettings>, BrandSettingsValidator>();
        return services;
    }

    /// <summary>
    /// <c>GET /brand.css</c>: the accent colour as a stylesheet of this site, since the Content-Security-Policy allows no
    /// inline style. Empty when no colour is set, so the stylesheet's own stays.
    /// </summary>
    public static IEndpointRouteBuilder MapBrand(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/brand.css", (IOptions<BrandSettings> brand, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            var accent = brand.Value.AccentColor;
            var css = string.IsNullOrWhiteSpace(accent) ? "" : string.Create(CultureInfo.InvariantCulture, $":root {{ --accent: {accent}; }}\n");
            return Results.Text(css, "text/css");
        }).RequireRateLimiting(Infrastructure.Http.RateLimits.Reads).ExcludeFromDescription();
        return endpoints;
    }
}
