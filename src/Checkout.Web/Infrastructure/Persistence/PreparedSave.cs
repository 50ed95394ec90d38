namespace Checkout.Web.Infrastructure.Persistence;

using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

/// <summary>
/// Saves a batch's tracked inserts and updates in the current transaction with one statement per table and column set,
/// its SQL built once per model and run for every row: on SQLite one command re-run with new parameters (parsed once per
/// save instead of once per row), elsewhere one <see cref="DbBatch"/> (one round trip). <c>SaveChanges</c> builds and parses
/// every row's SQL anew; in the renewal benchmark that was a quarter of the app's CPU. Values go through the EF model's own
/// mappings, so rows read back through EF unchanged. Anything else (a delete, a concurrency token, a store-generated value
/// other than an inserted key, a table shared between types) is left to <c>SaveChanges</c>.
/// </summary>
public static class PreparedSave
{
    private static readonly ConditionalWeakTable<IEntityType, Statements> ByType = new();

    /// <summary>
    /// Saves the tracked changes like <c>SaveChangesAsync</c>, in the open transaction (without one, by <c>SaveChanges</c>), then
    /// stops tracking every entity: the batch's context is done with them, and a row inserted with a store-generated key
    /// does not learn it. Returns false when <c>SaveChanges</c> saved them.
    /// </summary>
    public static async Task<bool> SaveBatchAsync(this DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not { } transaction || Plan(db) is not { } rows)
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }
        if (rows.Count > 0)
        {
            var connection = db.Database.GetDbConnection();
            var timeout = db.Database.GetCommandTimeout();
            if (DatabaseProviders.Of(db) == DatabaseProvider.Sqlite || !connection.CanCreateBatch)
            {
                await RunEachAsync(connection, transaction, timeout, rows, cancellationToken);
            }
            else
            {
                await RunBatchAsync(connection, transaction, timeout, rows, cancellationToken);
            }
        }
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>Each row's statement and parameters, inserts of principals before their dependents; null when <c>SaveChanges</c> must do it.</summary>
    private static List<Row>? Plan(DbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var inserts = new List<(IEntityType Type, Row Row)>();
        var updates = new List<Row>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            if (entry.State != EntityState.Added && entry.State != EntityState.Modified)
            {
                return null;
            }
            var statements = ByType.GetValue(entry.Metadata, Statements.For);
            if (!statements.Supported)
            {
                return null;
            }
            if (entry.State == EntityState.Added)
            {
                if (statements.Insert(entry) is not { } insert)
                {
                    return null;
                }
                inserts.Add((entry.Metadata, insert));
            }
            else if (statements.Update(entry) is { } update)
            {
                updates.Add(update);
            }
            else if (statements.KeyModified(entry))
            {
                return null;
            }
        }
        var typeOrder = PrincipalsFirst([.. inserts.Select(i => i.Type).Distinct()]);
        if (typeOrder is null)
        {
            return null;
        }
        // A stable sort: rows of one type keep the order they were tracked in.
        var rows = inserts.OrderBy(i => typeOrder[i.Type]).Select(i => i.Row).ToList();
        rows.AddRange(updates);
        return rows;
    }

    /// <summary>Each type's place so that a type comes after every other type here it has a foreign key to; null on a cycle.</summary>
    private static Dictionary<IEntityType, int>? PrincipalsFirst(List<IEntityType> types)
    {
        var order = new Dictionary<IEntityType, int>();
        while (order.Count < types.Count)
        {
            var next = types.FirstOrDefault(t => !order.ContainsKey(t)
                && t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || !types.Contains(fk.PrincipalEntityType) || order.ContainsKey(fk.PrincipalEntityType)));
            if (next is null)
            {
                return null;
            }
            order.Add(next, order.Count);
        }
        return order;
    }

    private static async Task RunEachAsync(DbConnection connection, DbTransaction transaction, int? timeout, List<Row> rows, CancellationToken cancellationToken)
    {
        var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            foreach (var row in rows)
            {
                if (!commands.TryGetValue(row.Sql, out var command))
                {
                    command = connection.CreateCommand();
                    command.CommandText = row.Sql;
                    command.Transaction = transaction;
                    if (timeout is { } seconds)
                    {
                        command.CommandTimeout = seconds;
                    }
                    commands.Add(row.Sql, command);
                }
                command.Parameters.Clear();
                row.AddParameters(command, command.Parameters);
                row.Check(await command.ExecuteNonQueryAsync(cancellationToken));
            }
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    private static async Task RunBatchAsync(DbConnection connection, DbTransaction transaction, int? timeout, List<Row> rows, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        if (timeout is { } seconds)
        {
            batch.Timeout = seconds;
        }
        await using var parameters = connection.CreateCommand();
        foreach (var row in rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = row.Sql;
            row.AddParameters(parameters, command.Parameters);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Check(batch.BatchCommands[i].RecordsAffected);
        }
    }

    /// <summary>One row's statement: its SQL, and its values with their mappings in the SQL's parameter order.</summary>
    private sealed record Row(string Sql, IReadOnlyList<(RelationalTypeMapping Mapping, object? Value)> Values, string What)
    {
        /// <summary>Adds the values as <c>@p0</c>, <c>@p1</c>, … converted by their mappings (created through <paramref name="factory"/>).</summary>
        public void AddParameters(DbCommand factory, DbParameterCollection parameters)
        {
            for (var i = 0; i < Values.Count; i++)
            {
                var (mapping, value) = Values[i];
                parameters.Add(mapping.CreateParameter(factory, Name(i), value, nullable: value is null));
            }
        }

        /// <summary>Every statement writes exactly one row: anything else rolls the transaction back, as <c>SaveChanges</c> would.</summary>
        public void Check(int affected)
        {
            if (affected != 1)
            {
                throw new DbUpdateConcurrencyException($"{What} affected {affected} rows instead of 1; nothing of the batch is saved.");
            }
        }
    }

    private static string Name(int index) => "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An entity type's statements: its INSERT (with its key, or without a store-generated one), and an UPDATE per set of modified columns, each built once.</summary>
    private sealed class Statements
    {
        private readonly Dictionary<string, string> _updates = new(StringComparer.Ordinal);
        private readonly Lock _updatesLock = new();
        private readonly object?[] _defaults = [];
        private readonly IProperty[] _insertColumnsWithoutKey = [];
        private readonly string _insert = "";
        private readonly string _insertWithoutKey = "";
        private readonly string _inserting = "";

        private Statements(IEntityType type)
        {
            var mappings = type.GetTableMappings().ToList();
            var table = mappings.Count == 1 ? mappings[0].Table : null;
            Supported = table is not null
                && table.EntityTypeMappings.Count() == 1
                && type.BaseType is null
                && !type.GetDirectlyDerivedTypes().Any()
                && !type.GetProperties().Any(p => p.IsConcurrencyToken || p.GetComputedColumnSql() is not null || p.ValueGenerated.HasFlag(ValueGenerated.OnUpdate));
            if (!Supported)
            {
                return;
            }
            TableName = Quote(type.GetTableName()!);
            if (type.GetSchema() is { } schema)
            {
                TableName = Quote(schema) + "." + TableName;
            }
            Key = [.. type.FindPrimaryKey()!.Properties];
            Columns = [.. type.GetProperties()];
            _defaults = [.. Columns.Select(p => p.ClrType.IsValueType ? Activator.CreateInstance(p.ClrType) : null)];
            _insertColumnsWithoutKey = Key.Length == 1 ? [.. Columns.Where(p => p != Key[0])] : Columns;
            _insert = InsertSql(Columns);
            _insertWithoutKey = InsertSql(_insertColumnsWithoutKey);
            _inserting = $"Inserting into {TableName}";
        }

        public bool Supported { get; }

        private string TableName { get; } = "";

        private IProperty[] Key { get; } = [];

        private IProperty[] Columns { get; } = [];

        public static Statements For(IEntityType type) => new(type);

        /// <summary>The INSERT of an added entry; its key left out when the store generates it; null for any other generated value.</summary>
        public Row? Insert(EntityEntry entry)
        {
            var keyLeftOut = false;
            for (var i = 0; i < Columns.Length; i++)
            {
                var property = Columns[i];
                var value = entry.Property(property);
                if (value.IsTemporary || (property.ValueGenerated != ValueGenerated.Never && Equals(value.CurrentValue, _defaults[i])))
                {
                    if (!property.IsPrimaryKey() || Key.Length != 1)
                    {
                        return null;
                    }
                    keyLeftOut = true;
                }
            }
            var columns = keyLeftOut ? _insertColumnsWithoutKey : Columns;
            var sql = keyLeftOut ? _insertWithoutKey : _insert;
            return new Row(sql, [.. columns.Select(p => (p.GetRelationalTypeMapping(), entry.Property(p).CurrentValue))], _inserting);
        }

        private string InsertSql(IProperty[] columns)
        {
            var names = string.Join(", ", columns.Select(p => Quote(p.GetColumnName())));
            var values = string.Join(", ", columns.Select((_, i) => Name(i)));
            return $"INSERT INTO {TableName} ({names}) VALUES ({values})";
        }

        /// <summary>The UPDATE of a modified entry's modified columns, by its key; null when nothing is modified, or a key is.</summary>
        public Row? Update(EntityEntry entry)
        {
            var modified = Columns.Where(p => entry.Property(p).IsModified).ToList();
            if (modified.Count == 0 || modified.Any(p => p.IsPrimaryKey()))
            {
                return null;
            }
            var shape = string.Join(",", modified.Select(p => p.Name));
            string? sql;
            lock (_updatesLock)
            {
                if (!_updates.TryGetValue(shape, out sql))
                {
                    var set = string.Join(", ", modified.Select((p, i) => $"{Quote(p.GetColumnName())} = {Name(i)}"));
                    var where = string.Join(" AND ", Key.Select((p, i) => $"{Quote(p.GetColumnName())} = {Name(modified.Count + i)}"));
                    sql = $"UPDATE {TableName} SET {set} WHERE {where}";
                    _updates.Add(shape, sql);
                }
            }
            return new Row(
                sql,
                [.. modified.Select(p => (p.GetRelationalTypeMapping(), entry.Property(p).CurrentValue)),
                    .. Key.Select(p => (p.GetRelationalTypeMapping(), entry.Property(p).OriginalValue))],
                $"Updating {TableName}");
        }

        /// <summary>True when a key of the modified entry was changed, which only <c>SaveChanges</c> may save.</summary>
        public bool KeyModified(EntityEntry entry) => Key.Any(p => entry.Property(p).IsModified);

        private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
