namespace Checkout.Web.Infrastructure.Persistence;

using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

/// <summary>The database behind the checkout: <c>Database:Provider</c> is <c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseProviders
{
    public const string SettingKey = "Database:Provider";
    public const string DefaultSqliteConnection = "Data Source=checkout.db";

    public static DatabaseProvider Read(IConfiguration configuration) => configuration[SettingKey]?.Trim() switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var value when value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
        var value when value.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            || value.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
        var value => throw new InvalidOperationException($"{SettingKey} is '{value}': use Sqlite or Postgres."),
    };

    /// <summary>
    /// The provider behind <paramref name="db"/>, known once per EF provider instance: <c>IsNpgsql()</c> reads the provider's
    /// assembly name anew each call (an <c>AssemblyName</c> and a culture lookup under a lock), on every write of the hot paths.
    /// </summary>
    public static DatabaseProvider Of(DbContext db) =>
        Known.GetValue(db.GetService<IDatabaseProvider>(), p => new(p.Name == NpgsqlProviderName ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite)).Value;

    private static readonly string? NpgsqlProviderName = typeof(NpgsqlDbContextOptionsBuilder).Assembly.GetName().Name;

    private static readonly ConditionalWeakTable<IDatabaseProvider, StrongBox<DatabaseProvider>> Known = new();

    /// <summary>
    /// EF Core's check at every migration that the model has no changes its migrations lack builds the model a second time
    /// and compares the two: most of the start-up's migration step when nothing is pending. The tests make that check for
    /// both providers (<c>SqliteMigrationTests.Every_model_change_has_its_migration_on_both_providers</c>), so a build whose model outran its migrations never lands.
    /// </summary>
    private static void NoModelDiffAtStart(WarningsConfigurationBuilder warnings) => warnings.Ignore(RelationalEventId.PendingModelChangesWarning);

    /// <summary>
    /// Registers the configured provider's DbContext (and so its migrations) as <see cref="CheckoutDbContext"/>; fails at once when the connection string cannot work.
    /// Pooled: the load benchmark showed a plain AddDbContext rebuilding its options for every request and every
    /// webhook the worker processes.
    /// </summary>
    public static IServiceCollection AddCheckoutDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = Read(configuration);
        var connectionString = configuration.GetConnectionString("Checkout");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString) || connectionString.Trim() == DefaultSqliteConnection)
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Checkout is missing or still the SQLite default; "
                    + "set it to e.g. Host=db.internal;Database=checkout;Username=checkout;Password=...");
            }
            services.AddDbContextPool<CheckoutDbContext, PostgresCheckoutDbContext>(o => o.UseNpgsql(connectionString).ConfigureWarnings(NoModelDiffAtStart));
        }
        else
        {
            var busyTimeout = new SqliteBusyTimeout();
            services.AddDbContextPool<CheckoutDbContext, SqliteCheckoutDbContext>(
                o => o.UseSqlite(connectionString ?? DefaultSqliteConnection).AddInterceptors(busyTimeout).ConfigureWarnings(NoModelDiffAtStart));
        }
        services.AddHealthChecks().AddDbContextCheck<CheckoutDbContext>();
        services.AddOptions<WorkerSettings>().BindConfiguration(WorkerSettings.Section)
            .Validate(s => s.LeaseDuration > TimeSpan.Zero, "Worker:LeaseDuration must be longer than zero (e.g. 00:02:00).")
            .ValidateOnStart();
        services.AddSingleton<WorkLease>();
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<SqliteGroupCommit>();
        services.AddScoped<DatabaseMigrations>();
        services.AddScoped<SharedKeyRing>();
        return services;
    }
}
