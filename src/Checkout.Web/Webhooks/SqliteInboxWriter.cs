namespace Checkout.Web.Webhooks;

using System.Threading.Channels;
using Microsoft.Data.Sqlite;

/// <summary>
/// Group commit for the webhook inbox on SQLite: one writer stores every event waiting at that moment in a
/// single transaction, so a burst costs one disk sync instead of one per event. Each caller is answered only
/// after the transaction holding its event has committed, so an acknowledged webhook is stored durably.
/// </summary>
public sealed class SqliteInboxWriter : IDisposable
{
    private const int MaxBatch = 512;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteInboxWriter() => _writer = Task.Run(WriteAllAsync);

    /// <summary>Stores the event once; false when a row with this event id already exists.</summary>
    public Task<bool> StoreAsync(
        string connectionString, string eventId, string eventType, string protectedBody, object receivedAt, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new Pending(connectionString, eventId, eventType, protectedBody, receivedAt, done)), this);
        return done.Task.WaitAsync(cancellationToken);
    }

    public void Dispose() => _queue.Writer.TryComplete();

    private async Task WriteAllAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            foreach (var sameDatabase in batch.GroupBy(p => p.ConnectionString))
            {
                Commit(sameDatabase.Key, sameDatabase.ToList());
            }
        }
    }

    private static void Commit(string connectionString, List<Pending> batch)
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout=5000;";
                pragma.ExecuteNonQuery();
            }
            using var transaction = connection.BeginTransaction(deferred: false);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO "WebhookEvents" ("EventId", "EventType", "ProtectedBody", "ReceivedAt", "Attempts", "NextAttemptAt")
                VALUES ($id, $type, $body, $at, 0, $at)
                ON CONFLICT ("EventId") DO NOTHING
                """;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var type = insert.Parameters.Add("$type", SqliteType.Text);
            var body = insert.Parameters.Add("$body", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            var inserted = new bool[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                (id.Value, type.Value, body.Value, at.Value) = (batch[i].EventId, batch[i].EventType, batch[i].ProtectedBody, batch[i].ReceivedAt);
                inserted[i] = insert.ExecuteNonQuery() == 1;
            }
            transaction.Commit();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(inserted[i]);
            }
        }
        catch (Exception e)
        {
            // Nothing of the batch was stored: every sender gets an error and Klarna delivers again.
            foreach (var item in batch)
            {
                item.Done.TrySetException(e);
            }
        }
    }

    private sealed record Pending(
        string ConnectionString, string EventId, string EventType, string ProtectedBody, object ReceivedAt, TaskCompletionSource<bool> Done);
}
