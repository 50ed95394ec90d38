namespace Checkout.Web.TestClock;

using Checkout.Web.Infrastructure.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

public static class TestClockRegistration
{
    /// <summary>
    /// The app's <see cref="TimeProvider"/>: the system clock, or with <c>TestClock:Enabled</c> an <see cref="AdjustableClock"/>
    /// (start-up refuses the setting outside Development).
    /// </summary>
    public static IServiceCollection AddAppClock(this IServiceCollection services)
    {
        services.AddOptions<TestClockSettings>().BindConfiguration(TestClockSettings.Section)
            .Validate<IHostEnvironment>(
                (s, environment) => !s.Enabled || environment.IsDevelopment(),
                "TestClock:Enabled is for Development and tests only; remove it (or set it to false) in this environment.")
            .Validate(
                s => string.IsNullOrWhiteSpace(s.EmulatorClockUrl) || KlarnaOptionsValidator.IsAbsoluteHttpUrl(s.EmulatorClockUrl),
                "TestClock:EmulatorClockUrl must be an absolute http(s) URL such as http://localhost:5090/sandbox/clock/advance, or empty.")
            .ValidateOnStart();
        services.AddSingleton(new AdjustableClock(TimeProvider.System));
        // Read raw, not through the validated options: a refused setting must leave the clock resolvable, so that
        // start-up can name the setting instead of failing wherever the clock is first used.
        services.TryAddSingleton(sp =>
            sp.GetRequiredService<IHostEnvironment>().IsDevelopment()
            && bool.TryParse(sp.GetRequiredService<IConfiguration>()[$"{TestClockSettings.Section}:{nameof(TestClockSettings.Enabled)}"], out var enabled)
            && enabled
                ? sp.GetRequiredService<AdjustableClock>()
                : TimeProvider.System);
        services.AddScoped<TestClockActions>();
        services.AddHttpClient(TestClockActions.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        return services;
    }
}
