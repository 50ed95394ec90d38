namespace Checkout.Benchmarks.Load;

using Microsoft.Data.Sqlite;

/// <summary>A table's columns as the app's migrations made them, for the runs that copy real rows in SQL.</summary>
public static class SqliteColumns
{
    public static async Task<List<string>> OfAsync(SqliteConnection db, SqliteTransaction transaction, string table)
    {
        await using var command = db.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The table name is the benchmark's own constant.
        command.CommandText = $"SELECT \"name\" FROM pragma_table_info('{table}')";
#pragma warning restore CA2100
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }
}
