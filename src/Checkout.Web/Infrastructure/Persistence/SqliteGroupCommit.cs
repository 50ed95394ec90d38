namespace Checkout.Web.Infrastructure.Persistence;

using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

/// <summary>
/// Group commit on SQLite. SQLite has one writer and each commit waits for a disk sync (2.7 ms on the disk
/// this was built against), so one transaction per request caps every write path near the disk's syncs per
/// second. One writer runs every write waiting at that moment in a single transaction, each inside its own
/// savepoint (a failing write is rolled back alone and its caller gets the exception), then commits once with
/// one sync. Each caller is answered only after the commit holding its write, so an answered write is durable.
/// Writes must be short SQL only: they run while the batch holds the write lock.
/// </summary>
public sealed class SqliteGroupCommit : IDisposable
{
    private const int MaxBatch = 512;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    public SqliteGroupCommit() => _ = Task.Run(WriteAllAsync);

    /// <summary>Runs <paramref name="write"/> against <paramref name="db"/>'s database, with its model for the parameters' mappings.</summary>
    public Task<T> WriteAsync<T>(DbContext db, Func<SqliteTransaction, IModel, T> write, CancellationToken cancellationToken)
    {
        var model = db.Model;
        return WriteAsync(db.Database.GetConnectionString()!, transaction => write(transaction, model), cancellationToken);
    }

    /// <summary>Runs <paramref name="write"/> in the next batch and returns its result once that batch is durable.</summary>
    public Task<T> WriteAsync<T>(string connectionString, Func<SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<T>(connectionString, write);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public void Dispose() => _queue.Writer.TryComplete();

    private async Task WriteAllAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
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

    private static void Commit(string connectionString, List<PendingWrite> batch)
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            SqliteBusyTimeout.Apply(connection);
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var item in batch)
            {
                Execute(connection, transaction, "SAVEPOINT item;");
                try
                {
                    item.Run(transaction);
                }
                catch (Exception e)
                {
                    Execute(connection, transaction, "ROLLBACK TO item;");
                    item.Fail(e);
                }
                Execute(connection, transaction, "RELEASE item;");
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            // Nothing of the batch was stored: every caller that was not already failed gets the error.
            foreach (var item in batch)
            {
                item.Fail(e);
            }
            return;
        }
        foreach (var item in batch)
        {
            item.Complete();
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private abstract class PendingWrite(string connectionString)
    {
        public string ConnectionString { get; } = connectionString;

        public abstract void Run(SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(string connectionString, Func<SqliteTransaction, T> write) : PendingWrite(connectionString)
    {
        private T? _result;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteTransaction transaction) => _result = write(transaction);

        public override void Complete() => Done.TrySetResult(_result!);

        public override void Fail(Exception error) => Done.TrySetException(error);
    }
}
