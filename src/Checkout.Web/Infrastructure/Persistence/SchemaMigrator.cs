namespace Checkout.Web.Infrastructure.Persistence;

using System.Data.Common;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Applies the embedded SQL migrations not yet recorded in <c>schema_migrations</c>, in order, in one
/// transaction that holds the schema lock: <c>pg_advisory_xact_lock</c> on PostgreSQL, SQLite's single
/// writer (<c>BEGIN IMMEDIATE</c>). Instances starting together apply each script once.
/// </summary>
public sealed partial class SchemaMigrator(CheckoutDbContext db, ILogger<SchemaMigrator> log)
{
    public const long SchemaLockKey = 0x436B5F736368656D; // "Ck_schem"

    /// <summary>Migrates and returns the versions it applied (none when the schema was current).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var provider = DatabaseProviders.Of(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
            }
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (provider == DatabaseProvider.Postgres)
            {
                await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey});", cancellationToken);
            }
            await ExecuteAsync(connection, transaction, MigrationHistory.CreateTableSql(provider), cancellationToken);
            var applied = await MigrationHistory.ReadAsync(connection, transaction, cancellationToken);
            var migrations = SqlMigration.For(provider);
            if (applied.Count == 0 && await MigrationHistory.IsPreMigrationDatabaseAsync(connection, transaction, provider, cancellationToken))
            {
                var baseline = migrations.Single(m => m.Version == MigrationHistory.Baseline);
                await MigrationHistory.RecordAsync(connection, transaction, baseline, cancellationToken);
                applied[baseline.Version] = baseline.Checksum;
                LogAdopted(log, baseline.Version);
            }
            if (MigrationHistory.Unknown(migrations, applied) is { Count: > 0 } unknown)
            {
                LogNewerSchema(log, string.Join(", ", unknown));
            }
            var pending = MigrationHistory.Pending(migrations, applied);
            foreach (var migration in pending)
            {
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await MigrationHistory.RecordAsync(connection, transaction, migration, cancellationToken);
                LogApplied(log, migration.Version, provider);
            }
            await transaction.CommitAsync(cancellationToken);
            return pending.Select(m => m.Version).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Fails with the command to run when the database lacks a migration this build needs.</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        var provider = DatabaseProviders.Of(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var applied = await MigrationHistory.ExistsAsync(connection, provider, cancellationToken)
                ? await MigrationHistory.ReadAsync(connection, null, cancellationToken)
                : new Dictionary<string, string>();
            var pending = MigrationHistory.Pending(SqlMigration.For(provider), applied);
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The database lacks schema migrations {string.Join(", ", pending.Select(m => m.Version))} and "
                    + "Database:MigrateAtStartup is false. Run `dotnet Checkout.Web.dll migrate` (or "
                    + "`dotnet run --project src/Checkout.Web -- migrate`) with the same settings first.");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    internal static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is the app's own embedded migration text, never input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted a database created before migrations as schema {Version}")]
    private static partial void LogAdopted(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database has schema migrations this build does not know ({Versions}); a newer build migrated it")]
    private static partial void LogNewerSchema(ILogger logger, string versions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Provider})")]
    private static partial void LogApplied(ILogger logger, string version, DatabaseProvider provider);
}
