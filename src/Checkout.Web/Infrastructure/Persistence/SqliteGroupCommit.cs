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
/// Writes must be short SQL only: they run while the batch holds the write lock. The writer keeps one
/// connection per database open, with its statements prepared (see <see cref="SqliteBatch"/>).
/// </summary>
public sealed class SqliteGroupCommit : IDisposable
{
    private const int MaxBatch = 512;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _writer;

    public SqliteGroupCommit() => _writer = Task.Run(WriteAllAsync);

    /// <summary>Runs <paramref name="write"/> against <paramref name="db"/>'s database, with its model for the parameters' mappings.</summary>
    public Task<T> WriteAsync<T>(DbContext db, Func<SqliteBatch, IModel, T> write, CancellationToken cancellationToken)
    {
        var model = db.Model;
        return WriteAsync(db.Database.GetConnectionString()!, batch => write(batch, model), cancellationToken);
    }

    /// <summary>Runs <paramref name="write"/> in the next batch and returns its result once that batch is durable.</summary>
    public Task<T> WriteAsync<T>(string connectionString, Func<SqliteBatch, T> write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<T>(connectionString, write);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a write that cannot join a batch (an EF statement) while no batch commits. The two then hand SQLite's
    /// single write lock to each other in turn, instead of the loser sleeping in SQLite's busy handler, whose
    /// waits grow to 100 ms. <paramref name="write"/> must not wait for a batch.
    /// </summary>
    public async Task<T> AloneAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Stops taking writes, lets the writer finish those queued and close its connections.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        if (_writer.Wait(TimeSpan.FromSeconds(10)))
        {
            _writeLock.Dispose();
        }
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        var databases = new Dictionary<string, SqliteBatch>(StringComparer.Ordinal);
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }
                await _writeLock.WaitAsync();
                try
                {
                    foreach (var sameDatabase in batch.GroupBy(p => p.ConnectionString))
                    {
                        Commit(databases, sameDatabase.Key, sameDatabase.ToList());
                    }
                }
                finally
                {
                    _writeLock.Release();
                }
            }
        }
        finally
        {
            foreach (var database in databases.Values)
            {
                database.Dispose();
            }
        }
    }

    private static void Commit(Dictionary<string, SqliteBatch> databases, string connectionString, List<PendingWrite> batch)
    {
        try
        {
            if (!databases.TryGetValue(connectionString, out var database))
            {
                database = new SqliteBatch(connectionString);
                databases.Add(connectionString, database);
            }
            using var transaction = database.Connection.BeginTransaction(deferred: false);
            database.Transaction = transaction;
            foreach (var item in batch)
            {
                database.Command("SAVEPOINT item;").ExecuteNonQuery();
                try
                {
                    item.Run(database);
                }
                catch (Exception e)
                {
                    database.Command("ROLLBACK TO item;").ExecuteNonQuery();
                    item.Fail(e);
                }
                database.Command("RELEASE item;").ExecuteNonQuery();
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            // Nothing of the batch was stored: every caller that was not already failed gets the error. The
            // connection may be what failed: the next batch opens a new one.
            if (databases.Remove(connectionString, out var failed))
            {
                failed.Dispose();
            }
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

    private abstract class PendingWrite(string connectionString)
    {
        public string ConnectionString { get; } = connectionString;

        public abstract void Run(SqliteBatch batch);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(string connectionString, Func<SqliteBatch, T> write) : PendingWrite(connectionString)
    {
        private T? _result;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteBatch batch) => _result = write(batch);

        public override void Complete() => Done.TrySetResult(_result!);

        public override void Fail(Exception error) => Done.TrySetException(error);
    }
}
