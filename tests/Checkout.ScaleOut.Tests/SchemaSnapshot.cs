namespace Checkout.ScaleOut.Tests;

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

/// <summary>Tables, columns (store type, nullability, primary key) and indexes, one line each, sorted.</summary>
internal static class SchemaSnapshot
{
    public static List<string> FromModel(DbContext db)
    {
        var lines = new List<string>();
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            var key = table.PrimaryKey?.Columns.Select(c => c.Name).ToHashSet() ?? [];
            lines.AddRange(table.Columns.Select(c => Column(table.Name, c.Name, c.StoreType, c.IsNullable, key.Contains(c.Name))));
            lines.AddRange(table.Indexes.Select(i => Index(table.Name, i.Name, i.IsUnique, string.Join(',', i.Columns.Select(c => c.Name)))));
        }
        return Sorted(lines);
    }

    public static async Task<List<string>> FromPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = await ReadAsync(connection, """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey::int2[]))
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> 'schema_migrations'
            """, r => Column(r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetBoolean(4)));
        lines.AddRange(await ReadAsync(connection, """
            SELECT t.relname, ic.relname, i.indisunique,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',')
            FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND NOT i.indisprimary AND t.relname <> 'schema_migrations'
            """, r => Index(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetString(3))));
        return Sorted(lines);
    }

    public static async Task<List<string>> FromSqliteAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = await ReadAsync(connection, """
            SELECT m.name, p.name, p.type, p."notnull" = 0, p.pk > 0
            FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT IN ('schema_migrations', 'sqlite_sequence')
            """, r => Column(r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetBoolean(4)));
        lines.AddRange(await ReadAsync(connection, """
            SELECT m.tbl_name, m.name, l."unique",
                   (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(m.name) ORDER BY seqno))
            FROM sqlite_master m JOIN pragma_index_list(m.tbl_name) l ON l.name = m.name
            WHERE m.type = 'index' AND m.name NOT LIKE 'sqlite_autoindex%' AND m.tbl_name <> 'schema_migrations'
            """, r => Index(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetString(3))));
        return Sorted(lines);
    }

    private static string Column(string table, string column, string type, bool nullable, bool key) =>
        $"{table}.{column} {type} {(nullable ? "NULL" : "NOT NULL")}{(key ? " PRIMARY KEY" : "")}";

    private static string Index(string table, string name, bool unique, string columns) =>
        $"{table} {(unique ? "UNIQUE INDEX" : "INDEX")} {name} ({columns})";

    private static List<string> Sorted(List<string> lines) => lines.Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> ReadAsync(DbConnection connection, string sql, Func<DbDataReader, string> line)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(line(reader));
        }
        return lines;
    }
}
