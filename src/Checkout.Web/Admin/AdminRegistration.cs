namespace Checkout.Web.Admin;

using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

/// <summary>
/// The operator's view at <c>/admin</c>, guarded by ASP.NET Core alone: without <c>Admin:Key</c> its pages have no routes
/// (every URL 404); with it, the folder requires the <see cref="Policy"/> (the operator's cookie), the sign-in page excepted.
/// </summary>
public static class AdminRegistration
{
    /// <summary>The operator's cookie scheme, apart from anything the shopper's pages use.</summary>
    public const string Scheme = "Operator";

    public const string Policy = "Operator";

    private const string Folder = "/Admin";

    /// <summary>Where the operator's view and its cookie live.</summary>
    public const string Path = "/admin";

    public static IServiceCollection AddOperatorView(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<AdminSettings>().BindConfiguration(AdminSettings.Section)
            .Validate(s => !s.Enabled || s.Key!.Trim().Length >= 16, "Admin:Key must be at least 16 characters, or absent to keep the operator's view off.")
            .Validate(s => s.LoginAttemptsPerMinute > 0, "Admin:LoginAttemptsPerMinute must be a positive number of attempts.")
            .Validate(s => s.SessionLifetime > TimeSpan.Zero, "Admin:SessionLifetime must be longer than zero (e.g. 08:00:00).")
            .ValidateOnStart();
        // Not the default scheme: the folder's policy names it, so the cookie is read for /admin's pages alone.
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.LoginPath = Path + "/login";
            o.LogoutPath = Path + "/logout";
            o.AccessDeniedPath = Path + "/login";
            // Idle for an hour signs out; Admin:SessionLifetime after sign-in ends the session however active (OperatorSessions).
            o.ExpireTimeSpan = TimeSpan.FromHours(1);
            o.SlidingExpiration = true;
            // Real time: moving the test clock forward must not sign the operator out.
            o.TimeProvider = TimeProvider.System;
            o.Cookie.Name = "checkout-operator";
            o.Cookie.Path = Path;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.EventsType = typeof(OperatorCookieEvents);
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        // PostConfigure: AddRazorPages' own setup replaces the convention collection, so a Configure registered before it
        // is lost. That is why the folder rule "did not take effect" before (OperatorViewTests shows the pages open without it).
        services.AddOptions<RazorPagesOptions>().PostConfigure<IOptions<AdminSettings>>((o, admin) =>
        {
            if (!admin.Value.Enabled)
            {
                // No selectors, no routes: every /admin URL is 404 as if the view did not exist.
                o.Conventions.AddFolderRouteModelConvention(Folder, page => page.Selectors.Clear());
                return;
            }
            o.Conventions.AuthorizeFolder(Folder, Policy).AllowAnonymousToPage("/Admin/Login");
            // Operator pages are never kept by a browser or a proxy.
            o.Conventions.AddFolderApplicationModelConvention(Folder, page =>
                page.Filters.Add(new ResponseCacheAttribute { NoStore = true, Location = ResponseCacheLocation.None }));
            o.Conventions.AddPageApplicationModelConvention("/Admin/Login", page =>
                page.EndpointMetadata.Add(new EnableRateLimitingAttribute(SignInLockout.Policy)));
        });
        services.AddSingleton<SignInLockout>();
        services.AddOptions<RateLimiterOptions>().Configure<SignInLockout>((o, lockout) => o.AddPolicy(SignInLockout.Policy, lockout));
        services.AddSingleton<AdminKey>();
        services.AddScoped<OperatorSessions>();
        services.AddScoped<OperatorCookieEvents>();
        services.AddScoped<OperatorQueries>();
        services.AddScoped<OperatorActions>();
        return services;
    }
}
