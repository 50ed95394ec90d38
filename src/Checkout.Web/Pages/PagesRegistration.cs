namespace Checkout.Web.Pages;

using Checkout.Web.Infrastructure.Http;

public static class PagesRegistration
{
    /// <summary>The shopper's and the operator's Razor Pages, their forms guarded by antiforgery tokens.</summary>
    public static IServiceCollection AddCheckoutPages(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeaderFilter.HeaderName;
            // Outside Development the token's cookie is never sent over plain HTTP.
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddProblemDetails();
        var pages = services.AddRazorPages();
        if (environment.IsDevelopment())
        {
            // Under `dotnet run`, an edited .cshtml shows on the next refresh; other environments serve the compiled views only.
            pages.AddRazorRuntimeCompilation();
        }
        return services;
    }
}
