namespace Checkout.Benchmarks.Renewals;

using Checkout.Benchmarks.Load;
using Npgsql;

/// <summary>
/// <see cref="RenewalSeed"/> on PostgreSQL: the copies' ids drawn in one statement, then each table copied in one
/// <c>INSERT … SELECT</c> joined to them, so every copy has its own id in all three tables.
/// </summary>
public static class PostgresRenewalSeed
{
    public static async Task MultiplyAsync(CheckoutApp app, IReadOnlyList<(string Table, string Key)> rowsPerSubscription, int total)
    {
        await using var db = await app.OpenPostgresForWritingAsync();
        await using var transaction = await db.BeginTransactionAsync();
        var originals = new List<Guid>();
        await using (var read = new NpgsqlCommand("SELECT \"Id\" FROM \"Subscriptions\" ORDER BY \"Id\"", db, transaction))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                originals.Add(reader.GetGuid(0));
            }
        }
        if (originals.Count == 0 || originals.Count > total)
        {
            throw new InvalidOperationException($"{originals.Count} subscriptions signed up; cannot make {total} from them.");
        }
        await using (var copies = new NpgsqlCommand(
            "CREATE TEMP TABLE bench_copies ON COMMIT DROP AS "
            + "SELECT gen_random_uuid() AS id, (@originals)[1 + i % @n] AS source FROM generate_series(@n, @total - 1) AS i", db, transaction))
        {
            copies.Parameters.AddWithValue("originals", originals.ToArray());
            copies.Parameters.AddWithValue("n", originals.Count);
            copies.Parameters.AddWithValue("total", total);
            await copies.ExecuteNonQueryAsync();
        }
        foreach (var (table, key) in rowsPerSubscription)
        {
            var columns = new List<string>();
            await using (var read = new NpgsqlCommand(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position", db, transaction))
            {
                read.Parameters.AddWithValue("table", table);
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add(reader.GetString(0));
                }
            }
            var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
            var values = string.Join(", ", columns.Select(c => c == key ? "c.id" : $"t.\"{c}\""));
#pragma warning disable CA2100 // Table and column names come from the benchmark's list and the schema itself.
            await using var copy = new NpgsqlCommand(
                $"INSERT INTO \"{table}\" ({list}) SELECT {values} FROM bench_copies c JOIN \"{table}\" t ON t.\"{key}\" = c.source", db, transaction);
#pragma warning restore CA2100
            var copied = await copy.ExecuteNonQueryAsync();
            if (copied != total - originals.Count)
            {
                throw new InvalidOperationException($"Copying {table} wrote {copied} rows, not {total - originals.Count}.");
            }
        }
        await transaction.CommitAsync();
    }

    public static async Task MakeAllDueAsync(CheckoutApp app, DateTimeOffset now)
    {
        await using var db = await app.OpenPostgresForWritingAsync();
        await using var command = new NpgsqlCommand("UPDATE \"Subscriptions\" SET \"NextChargeAt\" = @now", db);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync();
    }
}
