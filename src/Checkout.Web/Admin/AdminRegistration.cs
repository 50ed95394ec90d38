namespace Checkout.Web.Admin;

using Checkout.Web.Infrastructure.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

/// <summary>The operator's view at <c>/admin</c>: off (404) without <c>Admin:Key</c>, else behind a sign-in with that key.</summary>
public static class AdminRegistration
{
    /// <summary>The operator's cookie scheme, apart from anything the shopper's pages use.</summary>
    public const string Scheme = "Operator";

    public const string Policy = "Operator";

    public static IServiceCollection AddOperatorView(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.LoginPath = "/admin/login";
            o.LogoutPath = "/admin/logout";
            o.AccessDeniedPath = "/admin/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Real time: moving the test clock forward must not sign the operator out.
            o.TimeProvider = TimeProvider.System;
            o.Cookie.Name = "checkout-operator";
            o.Cookie.Path = "/admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Admin", Policy).AllowAnonymousToPage("/Admin/Login"));
        services.AddSingleton<AdminKey>();
        services.AddSingleton<AdminLoginLimiter>();
        services.AddScoped<OperatorQueries>();
        services.AddScoped<OperatorActions>();
        return services;
    }

    /// <summary>
    /// Answers 404 to every <c>/admin</c> URL while the view is off; when it is on, sends a caller without the operator's
    /// cookie to the sign-in page (which is the only page open without it).
    /// </summary>
    public static WebApplication UseOperatorView(this WebApplication app)
    {
        var enabled = app.Services.GetRequiredService<IOptions<AdminSettings>>().Value.Enabled;
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }
            if (!enabled)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            // Operator pages are never kept by a browser or a proxy.
            context.Response.Headers.CacheControl = "no-store";
            if (!context.Request.Path.StartsWithSegments("/admin/login", StringComparison.OrdinalIgnoreCase)
                && !(await context.AuthenticateAsync(Scheme)).Succeeded)
            {
                await context.ChallengeAsync(Scheme);
                return;
            }
            await next(context);
        });
        app.UseAuthorization();
        return app;
    }
}
