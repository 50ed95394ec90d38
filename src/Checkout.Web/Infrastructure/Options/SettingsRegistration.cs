namespace Checkout.Web.Infrastructure.Options;

using Microsoft.Extensions.Options;

/// <summary>The checkout's public root (<c>Checkout:</c>), and the start-up check that names every setting to fix.</summary>
public static class SettingsRegistration
{
    public static IServiceCollection AddCheckoutSettings(this IServiceCollection services)
    {
        services.AddOptions<CheckoutSettings>().BindConfiguration(CheckoutSettings.Section)
            .Validate(
                s => string.IsNullOrWhiteSpace(s.PublicBaseUrl) || KlarnaOptionsValidator.IsAbsoluteHttpUrl(s.PublicBaseUrl),
                "Checkout:PublicBaseUrl must be an absolute http(s) URL such as https://shop.example.com/, or empty.")
            .Validate<IHostEnvironment>(
                (s, environment) => environment.IsDevelopment() || !string.IsNullOrWhiteSpace(s.PublicBaseUrl),
                "Checkout:PublicBaseUrl is required outside Development: the shop's public root, e.g. https://shop.example.com/, so the return URLs sent to Klarna never come from a request's Host header.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Runs every start-up validation now and prints each failure on a line of its own, so a misconfigured
    /// start ends with what to fix rather than a stack trace. Returns false when any failed.
    /// </summary>
    public static bool ValidateSettings(this IServiceProvider services, TextWriter error)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures)
        {
            error.WriteLine("The checkout cannot start; fix these settings:");
            foreach (var failure in failures)
            {
                error.WriteLine("  " + failure);
            }
            return false;
        }
    }

    private static List<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException e => [.. e.Failures],
        AggregateException e => [.. e.InnerExceptions.SelectMany(Failures)],
        // The binder's own refusal of a value it cannot convert (a price of "9.99" where minor units are whole): it names the key.
        InvalidOperationException e when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [e.Message],
        _ => [],
    };
}
