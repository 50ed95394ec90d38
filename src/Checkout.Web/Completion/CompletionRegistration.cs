namespace Checkout.Web.Completion;

public static class CompletionRegistration
{
    /// <summary>
    /// Orders completed from Klarna's webhook, the acquirer's callback or a read of Klarna, whichever comes first; the
    /// reconciler settles the ones whose webhook never came.
    /// </summary>
    public static IServiceCollection AddOrderCompletion(this IServiceCollection services)
    {
        services.AddScoped<DirectCompletion>();
        services.AddScoped<AcquirerLedCompletion>();
        services.AddScoped<OutcomeRefresh>();
        services.AddSingleton<OutcomeRefreshRequests>();
        services.AddScoped<JourneyCancellation>();
        services.AddOptions<ReconcilerSettings>().BindConfiguration(ReconcilerSettings.Section)
            .Validate(s => s.Interval > TimeSpan.Zero, "Reconciler:Interval must be longer than zero (e.g. 00:00:30).")
            .Validate(s => s.MinimumAge >= TimeSpan.Zero, "Reconciler:MinimumAge must not be negative.")
            .Validate(s => s.AbandonAfter >= TimeSpan.Zero, "Reconciler:AbandonAfter must not be negative.")
            .Validate(s => s.OpenPageLifetime > TimeSpan.Zero, "Reconciler:OpenPageLifetime must be longer than zero.")
            .ValidateOnStart();
        services.AddSingleton<Reconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<Reconciler>());
        return services;
    }
}
