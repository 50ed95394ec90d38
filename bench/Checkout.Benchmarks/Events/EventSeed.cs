namespace Checkout.Benchmarks.Events;

using Checkout.Benchmarks.Load;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

/// <summary>
/// Multiplies a real event the app stored (and delivered) in SQL: each copy is an event of its own (its own
/// <c>evt_</c> id, in the row and in the signed body) with one pending delivery, not due for a year. Then one statement
/// makes every pending delivery due at the same instant.
/// </summary>
public static class EventSeed
{
    public static async Task<string> MultiplyAsync(CheckoutApp app, int copies)
    {
        await using var db = await app.OpenSqliteForWritingAsync();
        var (source, deliveryId) = await FirstDeliveredAsync(db);
        // The ids as EF Core wrote them (upper or lower case), or the app would not find the copies by id.
        var upper = !deliveryId.Any(char.IsLower);

        await using var transaction = (SqliteTransaction)await db.BeginTransactionAsync();
        await using var copyEvent = await CopyCommandAsync(db, transaction, "MerchantEvents", "Id", new Dictionary<string, string>
        {
            ["Sequence"] = "",
            ["Id"] = "@id",
            ["Payload"] = "replace(\"Payload\", @source, @id)",
        });
        await using var copyDelivery = await CopyCommandAsync(db, transaction, "MerchantEventDeliveries", "EventId", new Dictionary<string, string>
        {
            ["Id"] = "@delivery",
            ["EventId"] = "@id",
            ["Status"] = "'Pending'",
            ["Attempts"] = "0",
            ["NextAttemptAt"] = "@later",
            ["DeliveredAt"] = "NULL",
            ["LastStatusCode"] = "NULL",
            ["LastError"] = "NULL",
            ["ClaimedBy"] = "NULL",
            ["ClaimedUntil"] = "NULL",
        });
        var later = Binary(DateTimeOffset.UtcNow.AddYears(1));
        foreach (var copy in new[] { copyEvent, copyDelivery })
        {
            copy.Parameters.AddWithValue("@source", source);
            copy.Parameters.Add("@id", SqliteType.Text);
            copy.Parameters.Add("@delivery", SqliteType.Text);
            copy.Parameters.AddWithValue("@later", later);
            copy.Prepare();
        }
        for (var i = 0; i < copies; i++)
        {
            var id = $"evt_{Guid.CreateVersion7():N}";
            var delivery = Guid.CreateVersion7().ToString();
            foreach (var copy in new[] { copyEvent, copyDelivery })
            {
                copy.Parameters["@id"].Value = id;
                copy.Parameters["@delivery"].Value = upper ? delivery.ToUpperInvariant() : delivery;
                if (await copy.ExecuteNonQueryAsync() != 1)
                {
                    throw new InvalidOperationException($"Copying event {source} did not write one row: {copy.CommandText}");
                }
            }
        }
        await transaction.CommitAsync();
        return source;
    }

    /// <summary>Every pending delivery due now, in one statement.</summary>
    public static async Task MakeAllDueAsync(CheckoutApp app)
    {
        await using var db = await app.OpenSqliteForWritingAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "UPDATE \"MerchantEventDeliveries\" SET \"NextAttemptAt\" = @now WHERE \"Status\" = 'Pending'";
        command.Parameters.AddWithValue("@now", Binary(DateTimeOffset.UtcNow));
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(string EventId, string DeliveryId)> FirstDeliveredAsync(SqliteConnection db)
    {
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT \"EventId\", \"Id\" FROM \"MerchantEventDeliveries\" WHERE \"Status\" = 'Delivered' ORDER BY \"CreatedAt\" LIMIT 1";
        await using var reader = await read.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetString(0), reader.GetString(1))
            : throw new InvalidOperationException("The sign-up produced no delivered event to copy.");
    }

    /// <summary>
    /// <c>INSERT … SELECT</c> of one row of <paramref name="table"/> (where <paramref name="key"/> = <c>@source</c>), each
    /// column as it is unless <paramref name="replaced"/> gives its value (empty: left out).
    /// </summary>
    private static async Task<SqliteCommand> CopyCommandAsync(
        SqliteConnection db, SqliteTransaction transaction, string table, string key, Dictionary<string, string> replaced)
    {
        var columns = (await SqliteColumns.OfAsync(db, transaction, table)).Where(c => replaced.GetValueOrDefault(c) != "").ToList();
        var command = db.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Table and column names come from the benchmark's own lists and the schema itself.
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) "
            + $"SELECT {string.Join(", ", columns.Select(c => replaced.GetValueOrDefault(c) ?? $"\"{c}\""))} FROM \"{table}\" WHERE \"{key}\" = @source";
#pragma warning restore CA2100
        return command;
    }

    private static object Binary(DateTimeOffset at) => new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)!;
}
