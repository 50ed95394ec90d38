namespace Checkout.Web.Infrastructure.Persistence;

public static class DatabaseSetup
{
    /// <summary>
    /// Brings the schema up to date (or, with <c>Database:MigrateAtStartup=false</c>, checks that it is) and
    /// makes sure every instance shares one Data Protection key.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var migrations = scope.ServiceProvider.GetRequiredService<DatabaseMigrations>();
        if (app.Configuration.GetValue("Database:MigrateAtStartup", true))
        {
            await migrations.MigrateAsync(app.Lifetime.ApplicationStopping);
        }
        else
        {
            await migrations.EnsureCurrentAsync(app.Lifetime.ApplicationStopping);
        }
        await scope.ServiceProvider.GetRequiredService<SharedKeyRing>().EnsureActiveKeyAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>The <c>migrate</c> command: applies pending migrations, reports them, and returns the exit code.</summary>
    public static async Task<int> MigrateAndExitAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrations>().MigrateAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<SharedKeyRing>().EnsureActiveKeyAsync(CancellationToken.None);
        var provider = DatabaseProviders.Read(app.Configuration);
        await Console.Out.WriteLineAsync(applied.Count == 0
            ? $"The {provider} schema is up to date."
            : $"Applied {applied.Count} {provider} migration(s): {string.Join(", ", applied)}.");
        return 0;
    }
}
