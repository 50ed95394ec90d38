namespace Checkout.Benchmarks.Renewals;

using Checkout.Benchmarks.Load;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

/// <summary>
/// Multiplies the real sign-ups' subscriptions in SQL: each copy gets its own id, its own scheduler row and its own
/// stored token row holding the original's ciphertext (the app's Data Protection keys decrypt it; the bench cannot
/// forge one). Then one statement makes every subscription due at the same instant.
/// </summary>
public static class RenewalSeed
{
    private static readonly (string Table, string Key)[] RowsPerSubscription =
        [("Subscriptions", "Id"), ("SubscriptionRenewals", "SubscriptionId"), ("CustomerTokens", "OrderId")];

    public static async Task MultiplyAsync(CheckoutApp app, int total)
    {
        if (app.Postgres is not null)
        {
            await PostgresRenewalSeed.MultiplyAsync(app, RowsPerSubscription, total);
            return;
        }
        await using var db = await app.OpenSqliteForWritingAsync();
        var originals = new List<string>();
        await using (var read = db.CreateCommand())
        {
            read.CommandText = "SELECT \"Id\" FROM \"Subscriptions\" ORDER BY \"Id\"";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                originals.Add(reader.GetString(0));
            }
        }
        if (originals.Count == 0 || originals.Count > total)
        {
            throw new InvalidOperationException($"{originals.Count} subscriptions signed up; cannot make {total} from them.");
        }
        // The ids as EF Core wrote them (upper or lower case), or the app would not find the copies by id.
        var upper = !originals[0].Any(char.IsLower);

        await using var transaction = (SqliteTransaction)await db.BeginTransactionAsync();
        var copies = new List<SqliteCommand>();
        foreach (var (table, key) in RowsPerSubscription)
        {
            var copy = db.CreateCommand();
            copy.Transaction = transaction;
            var columns = await SqliteColumns.OfAsync(db, transaction, table);
            var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
            var values = string.Join(", ", columns.Select(c => c == key ? "@id" : $"\"{c}\""));
#pragma warning disable CA2100 // Table and column names come from the benchmark's list and the schema itself.
            copy.CommandText = $"INSERT INTO \"{table}\" ({list}) SELECT {values} FROM \"{table}\" WHERE \"{key}\" = @source";
#pragma warning restore CA2100
            copy.Parameters.Add("@id", SqliteType.Text);
            copy.Parameters.Add("@source", SqliteType.Text);
            copy.Prepare();
            copies.Add(copy);
        }
        for (var i = originals.Count; i < total; i++)
        {
            var id = Guid.NewGuid().ToString();
            foreach (var copy in copies)
            {
                copy.Parameters["@id"].Value = upper ? id.ToUpperInvariant() : id;
                copy.Parameters["@source"].Value = originals[i % originals.Count];
                if (await copy.ExecuteNonQueryAsync() != 1)
                {
                    throw new InvalidOperationException($"Copying subscription {originals[i % originals.Count]} did not write one row: {copy.CommandText}");
                }
            }
        }
        await transaction.CommitAsync();
        foreach (var copy in copies)
        {
            await copy.DisposeAsync();
        }
    }

    /// <summary>Every subscription's next charge set to now, in one statement; returns that instant.</summary>
    public static async Task<DateTimeOffset> MakeAllDueAsync(CheckoutApp app)
    {
        var now = DateTimeOffset.UtcNow;
        if (app.Postgres is not null)
        {
            await PostgresRenewalSeed.MakeAllDueAsync(app, now);
            return now;
        }
        await using var db = await app.OpenSqliteForWritingAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "UPDATE \"Subscriptions\" SET \"NextChargeAt\" = @now";
        command.Parameters.AddWithValue("@now", new DateTimeOffsetToBinaryConverter().ConvertToProvider(now));
        await command.ExecuteNonQueryAsync();
        return now;
    }
}
