namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

/// <summary>
/// Adopts a database made before EF Core migrations. The releases before them applied SQL scripts and
/// recorded them in <c>schema_migrations</c>; after their last script (<see cref="LastScript"/>) the schema is
/// exactly what the first EF migration creates. Such a database gets that migration's history row, so
/// <c>Migrate</c> goes on from there instead of creating tables that exist. <c>schema_migrations</c> is left
/// as it is, so the release before can still start on the database if it has to be rolled back to.
/// </summary>
internal static partial class LegacySchema
{
    public static readonly IReadOnlyList<string> Scripts = ["0001_initial", "0002_work_leases", "0003_unprocessed_events_index", "0004_klarna_errors"];

    public static string LastScript => Scripts[^1];

    // The advisory lock the scripts' migrator held, so an instance of that release starting now waits as well.
    private const long PostgresLockKey = 0x436B5F736368656D;

    public static async Task AdoptAsync(CheckoutDbContext db, ILogger log, CancellationToken cancellationToken)
    {
        var postgres = DatabaseProviders.Of(db) == DatabaseProvider.Postgres;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // On SQLite this is BEGIN IMMEDIATE: one writer at a time, so instances starting together adopt once.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (postgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
            }
            // Asked here rather than with GetAppliedMigrations: on PostgreSQL, before the history table exists,
            // that left this transaction aborted (25P02) for the statements after it.
            if (await TableExistsAsync(db, postgres, HistoryRepository.DefaultTableName, cancellationToken))
            {
                return;
            }
            var scripts = await AppliedScriptsAsync(db, postgres, cancellationToken);
            if (scripts is null)
            {
                return;
            }
            if (Scripts.Except(scripts, StringComparer.Ordinal).ToList() is { Count: > 0 } missing)
            {
                throw new InvalidOperationException(
                    $"This database was made by a release before EF Core migrations and lacks its schema scripts {string.Join(", ", missing)}. "
                    + $"Start that release on it once (it applies them, up to {LastScript}), then this one; "
                    + "a development database can simply be deleted instead.");
            }
            var baseline = db.GetService<IMigrationsAssembly>().Migrations.Keys.First();
            var history = db.GetService<IHistoryRepository>();
            await ExecuteAsync(db, history.GetCreateIfNotExistsScript(), cancellationToken);
            await ExecuteAsync(db, history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogAdopted(log, LastScript, baseline);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The scripts <c>schema_migrations</c> records; empty for the very first release's tables; null for a new database.</summary>
    private static async Task<List<string>?> AppliedScriptsAsync(CheckoutDbContext db, bool postgres, CancellationToken cancellationToken)
    {
        if (await TableExistsAsync(db, postgres, "schema_migrations", cancellationToken))
        {
            return await db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations").ToListAsync(cancellationToken);
        }
        return await TableExistsAsync(db, postgres, "Orders", cancellationToken) ? [] : null;
    }

    private static async Task<bool> TableExistsAsync(CheckoutDbContext db, bool postgres, string table, CancellationToken cancellationToken)
    {
        var query = postgres
            ? db.Database.SqlQuery<bool>($"SELECT to_regclass(quote_ident({table})) IS NOT NULL AS \"Value\"")
            : db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = {table}) AS \"Value\"");
        return (await query.ToListAsync(cancellationToken)).Single();
    }

    private static async Task ExecuteAsync(CheckoutDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
#pragma warning disable CA2100 // EF Core's own history-table SQL, never input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted a database migrated by SQL scripts up to {Script} as EF Core migration {Migration}")]
    private static partial void LogAdopted(ILogger logger, string script, string migration);
}
