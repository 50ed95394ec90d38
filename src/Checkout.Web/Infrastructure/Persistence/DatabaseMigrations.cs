namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.EntityFrameworkCore;

/// <summary>
/// EF Core migrations of the configured provider (<c>Migrations/Sqlite</c> or <c>Migrations/Postgres</c>).
/// <c>Migrate</c> takes EF Core's own migration lock, so instances starting together apply each migration once. On
/// PostgreSQL that lock lasts one migration's transaction, so an instance could go on to apply a later migration
/// another already applied; a session advisory lock around the whole run keeps the runs in turn there.
/// </summary>
public sealed partial class DatabaseMigrations(CheckoutDbContext db, ILogger<DatabaseMigrations> log)
{
    private const long PostgresMigrationLockKey = 0x436B5F6D69677261;

    /// <summary>Migrates and returns the migrations this call found pending (none when the schema was current).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        if (DatabaseProviders.Of(db) != DatabaseProvider.Postgres)
        {
            return await MigrateAloneAsync(cancellationToken);
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgresMigrationLockKey})", cancellationToken);
            try
            {
                return await MigrateAloneAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgresMigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IReadOnlyList<string>> MigrateAloneAsync(CancellationToken cancellationToken)
    {
        if (DatabaseProviders.Of(db) == DatabaseProvider.Sqlite)
        {
            // Readers never wait for the writer; the setting stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await LegacySchema.AdoptAsync(db, log, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        var provider = DatabaseProviders.Of(db);
        foreach (var migration in pending)
        {
            LogApplied(log, migration, provider);
        }
        return pending;
    }

    /// <summary>Fails with the command to run when the database lacks a migration this build needs.</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new PendingMigrationsException(pending);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema migration {Migration} ({Provider}) is applied")]
    private static partial void LogApplied(ILogger logger, string migration, DatabaseProvider provider);
}
