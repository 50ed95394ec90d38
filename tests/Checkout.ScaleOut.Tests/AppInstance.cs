namespace Checkout.ScaleOut.Tests;

using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

/// <summary>One instance of the whole app on real Kestrel, on PostgreSQL, pointed at the shared emulator.</summary>
public sealed class AppInstance : CheckoutAppFactory
{
    public AppInstance(
        string name,
        string connectionString,
        SandboxServer sandbox,
        AcquirerCalls acquirerCalls,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
        : base(null, 0, Settings(connectionString, settings), s =>
        {
            s.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(
                // Innermost handler on every outbound client: sees each attempt the app makes at the acquirer.
                b => b.AdditionalHandlers.Add(new AcquirerCallRecorder(acquirerCalls, name))));
            services?.Invoke(s);
        }, sandbox.Emulator)
    {
        Name = name;
    }

    public string Name { get; }

    public Uri Root => RootUri;

    public void Start() => EnsureStarted();

    public async Task<T> WithDatabaseAsync<T>(Func<CheckoutDbContext, IServiceProvider, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CheckoutDbContext>(), scope.ServiceProvider);
    }

    private static Dictionary<string, string?> Settings(string connectionString, IDictionary<string, string?>? extra) => new(Defaults(connectionString).Concat(
        extra ?? new Dictionary<string, string?>()));

    private static Dictionary<string, string?> Defaults(string connectionString) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Checkout"] = connectionString,
        ["RateLimits:PaymentsPerMinute"] = "100000",
        ["RateLimits:ReadsPerMinute"] = "100000",
        ["RateLimits:WebhooksPerMinute"] = "100000",
    };
}
