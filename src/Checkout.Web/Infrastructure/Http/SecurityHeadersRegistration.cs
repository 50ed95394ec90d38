namespace Checkout.Web.Infrastructure.Http;

public static class SecurityHeadersRegistration
{
    /// <summary>The Content-Security-Policy and the other headers on every answer, with Klarna's hosts and <c>Security:KlarnaOrigins</c>.</summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.AddOptions<SecuritySettings>().BindConfiguration(SecuritySettings.Section)
            .Validate(
                s => s.KlarnaOrigins.All(o => o.StartsWith("https://", StringComparison.Ordinal) && !o.Contains(' ', StringComparison.Ordinal)),
                "Security:KlarnaOrigins must list https:// origins only, one per entry.")
            .ValidateOnStart();
        services.AddSingleton<SecurityHeaders>();
        return services;
    }
}
