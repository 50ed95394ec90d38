namespace Checkout.Web.Infrastructure.Options;

using Microsoft.Extensions.Options;

/// <summary>The app's own settings, bound and checked at start-up; each failure names its key.</summary>
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
        services.AddOptions<WorkerSettings>().BindConfiguration(WorkerSettings.Section)
            .Validate(s => s.LeaseDuration > TimeSpan.Zero, "Worker:LeaseDuration must be longer than zero (e.g. 00:02:00).")
            .ValidateOnStart();
        services.AddOptions<ReconcilerSettings>().BindConfiguration(ReconcilerSettings.Section)
            .Validate(s => s.Interval > TimeSpan.Zero, "Reconciler:Interval must be longer than zero (e.g. 00:00:30).")
            .Validate(s => s.MinimumAge >= TimeSpan.Zero, "Reconciler:MinimumAge must not be negative.")
            .Validate(s => s.AbandonAfter >= TimeSpan.Zero, "Reconciler:AbandonAfter must not be negative.")
            .Validate(s => s.OpenPageLifetime > TimeSpan.Zero, "Reconciler:OpenPageLifetime must be longer than zero.")
            .ValidateOnStart();
        services.AddOptions<RenewalSettings>().BindConfiguration(RenewalSettings.Section)
            .Validate(s => s.HasValidRetries, "Renewals:RetryAfter must list days that are positive and increasing (e.g. 1, 3, 7).")
            .Validate(s => s.BatchSize > 0, "Renewals:BatchSize must be a positive number of subscriptions.")
            .Validate(s => s.PollInterval > TimeSpan.Zero, "Renewals:PollInterval must be longer than zero (e.g. 00:00:30).")
            .ValidateOnStart();
        services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitSettings.Section)
            .Validate(s => s.PaymentsPerMinute > 0, "RateLimits:PaymentsPerMinute must be a positive number of requests.")
            .Validate(s => s.ReadsPerMinute > 0, "RateLimits:ReadsPerMinute must be a positive number of requests.")
            .Validate(s => s.WebhooksPerMinute > 0, "RateLimits:WebhooksPerMinute must be a positive number of requests.")
            .ValidateOnStart();
        services.AddOptions<SecuritySettings>().BindConfiguration(SecuritySettings.Section)
            .Validate(
                s => s.KlarnaOrigins.All(o => o.StartsWith("https://", StringComparison.Ordinal) && !o.Contains(' ', StringComparison.Ordinal)),
                "Security:KlarnaOrigins must list https:// origins only, one per entry.")
            .ValidateOnStart();
        services.AddOptions<TestClockSettings>().BindConfiguration(TestClockSettings.Section)
            .Validate<IHostEnvironment>(
                (s, environment) => !s.Enabled || environment.IsDevelopment(),
                "TestClock:Enabled is for Development and tests only; remove it (or set it to false) in this environment.")
            .Validate(
                s => string.IsNullOrWhiteSpace(s.EmulatorClockUrl) || KlarnaOptionsValidator.IsAbsoluteHttpUrl(s.EmulatorClockUrl),
                "TestClock:EmulatorClockUrl must be an absolute http(s) URL such as http://localhost:5090/sandbox/clock/advance, or empty.")
            .ValidateOnStart();
        services.AddOptions<AdminSettings>().BindConfiguration(AdminSettings.Section)
            .Validate(s => !s.Enabled || s.Key!.Trim().Length >= 16, "Admin:Key must be at least 16 characters, or absent to keep the operator's view off.")
            .Validate(s => s.LoginAttemptsPerMinute > 0, "Admin:LoginAttemptsPerMinute must be a positive number of attempts.")
            .Validate(s => s.SessionLifetime > TimeSpan.Zero, "Admin:SessionLifetime must be longer than zero (e.g. 08:00:00).")
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
