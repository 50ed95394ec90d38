namespace Checkout.Web.Infrastructure.Persistence;

using System.Data.Common;

/// <summary>The <c>schema_migrations</c> table: which scripts ran, with a checksum so an edited script is caught.</summary>
internal static class MigrationHistory
{
    public static string CreateTableSql(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(100) PRIMARY KEY, checksum varchar(64) NOT NULL, applied_at timestamp with time zone NOT NULL DEFAULT now());"
        : "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT NOT NULL PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);";

    public const string Baseline = "0001_initial";

    public static Task<bool> ExistsAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken) =>
        TableExistsAsync(connection, null, provider, "schema_migrations", cancellationToken);

    /// <summary>
    /// Before migrations, the app made its schema with EnsureCreated: a database with tables and no history
    /// is that schema, which is exactly <see cref="Baseline"/>.
    /// </summary>
    public static Task<bool> IsPreMigrationDatabaseAsync(DbConnection connection, DbTransaction transaction, DatabaseProvider provider, CancellationToken cancellationToken) =>
        TableExistsAsync(connection, transaction, provider, "Orders", cancellationToken);

    private static async Task<bool> TableExistsAsync(
        DbConnection connection, DbTransaction? transaction, DatabaseProvider provider, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = provider == DatabaseProvider.Postgres
            ? "SELECT to_regclass(quote_ident(@table)) IS NOT NULL;"
            : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = @table);";
        AddParameter(command, "@table", table);
        return Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<Dictionary<string, string>> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version, checksum FROM schema_migrations;";
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }
        return applied;
    }

    /// <summary>The scripts still to run; fails when an applied script was edited since.</summary>
    public static List<SqlMigration> Pending(IReadOnlyList<SqlMigration> migrations, IReadOnlyDictionary<string, string> applied)
    {
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var checksum) && checksum != migration.Checksum)
            {
                throw new InvalidOperationException(
                    $"Schema migration {migration.Version} changed after it was applied; add a new migration instead of editing it.");
            }
        }
        return migrations.Where(m => !applied.ContainsKey(m.Version)).ToList();
    }

    /// <summary>Versions the database has that this build does not: a newer build migrated it (a rollback, a rolling deploy).</summary>
    public static List<string> Unknown(IReadOnlyList<SqlMigration> migrations, IReadOnlyDictionary<string, string> applied) =>
        applied.Keys.Except(migrations.Select(m => m.Version), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static async Task RecordAsync(DbConnection connection, DbTransaction transaction, SqlMigration migration, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO schema_migrations (version, checksum) VALUES (@version, @checksum);";
        AddParameter(command, "@version", migration.Version);
        AddParameter(command, "@checksum", migration.Checksum);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
