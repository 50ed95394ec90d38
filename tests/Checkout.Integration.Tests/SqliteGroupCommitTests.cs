namespace Checkout.Integration.Tests;

using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

/// <summary>Writes that share one SQLite commit must still succeed or fail one by one, and be durable when answered.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"group-commit-{Guid.NewGuid():N}.db");
    private readonly SqliteGroupCommit _writes = new();

    private string ConnectionString => $"Data Source={_path};Pooling=False";

    [Fact]
    public async Task A_failing_write_is_rolled_back_alone_and_its_caller_gets_the_error()
    {
        Execute("CREATE TABLE Items (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL)");

        var writes = Enumerable.Range(1, 300)
            .Select(i => _writes.WriteAsync(ConnectionString, t => Insert(t, i, i == 150 ? null : $"item {i}"), CancellationToken.None))
            .ToList();

        var failed = await Assert.ThrowsAsync<SqliteException>(() => writes[149]);
        Assert.Contains("NOT NULL", failed.Message, StringComparison.Ordinal);
        Assert.All(writes.Where((_, i) => i != 149), w => Assert.Equal(1, w.Result));
        Assert.Equal(299L, Scalar("SELECT COUNT(*) FROM Items"));
        Assert.Equal(299L, Scalar("SELECT COUNT(*) FROM Items WHERE Name = 'item ' || Id"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM Items WHERE Id = 150"));
    }

    [Fact]
    public async Task A_write_that_partly_ran_before_failing_leaves_nothing_of_itself()
    {
        Execute("CREATE TABLE Items (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL)");

        var halfDone = _writes.WriteAsync(ConnectionString, t => Insert(t, 1, "first") + Insert(t, 1, "same key again"), CancellationToken.None);
        var other = _writes.WriteAsync(ConnectionString, t => Insert(t, 2, "other"), CancellationToken.None);

        await Assert.ThrowsAsync<SqliteException>(() => halfDone);
        Assert.Equal(1, await other);
        Assert.Equal(2L, Scalar("SELECT COALESCE(SUM(Id), 0) FROM Items"));
    }

    [Fact]
    public async Task An_answered_write_is_committed_and_visible_to_other_connections()
    {
        Execute("CREATE TABLE Items (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL)");

        await _writes.WriteAsync(ConnectionString, t => Insert(t, 7, "seven"), CancellationToken.None);

        Assert.Equal(7L, Scalar("SELECT Id FROM Items WHERE Name = 'seven'"));
    }

    [Fact]
    public async Task A_batch_waits_while_a_write_outside_the_batches_runs()
    {
        Execute("CREATE TABLE Items (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL)");
        var outsideRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outsideMayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var outside = _writes.AloneAsync(
            async () =>
            {
                outsideRunning.SetResult();
                await outsideMayFinish.Task;
                return 0;
            },
            CancellationToken.None);
        await outsideRunning.Task;
        var batched = _writes.WriteAsync(ConnectionString, t => Insert(t, 1, "one"), CancellationToken.None);

        Assert.NotSame(batched, await Task.WhenAny(batched, Task.Delay(TimeSpan.FromMilliseconds(300))));
        outsideMayFinish.SetResult();
        await outside;
        Assert.Equal(1, await batched);
    }

    [Fact]
    public async Task A_write_outside_the_batches_waits_for_the_batch_committing()
    {
        Execute("CREATE TABLE Items (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL)");
        using var batchRunning = new ManualResetEventSlim();
        using var batchMayFinish = new ManualResetEventSlim();
        var batched = _writes.WriteAsync(
            ConnectionString,
            t =>
            {
                batchRunning.Set();
                batchMayFinish.Wait(TimeSpan.FromSeconds(30));
                return Insert(t, 1, "one");
            },
            CancellationToken.None);
        Assert.True(batchRunning.Wait(TimeSpan.FromSeconds(30)));

        var outsideRan = false;
        var outside = _writes.AloneAsync(() => Task.FromResult(outsideRan = true), CancellationToken.None);

        Assert.NotSame(outside, await Task.WhenAny(outside, Task.Delay(TimeSpan.FromMilliseconds(300))));
        Assert.False(outsideRan);
        batchMayFinish.Set();
        Assert.Equal(1, await batched);
        Assert.True(await outside);
    }

    public void Dispose()
    {
        _writes.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static int Insert(SqliteBatch batch, int id, string? name)
    {
        var command = batch.Command("INSERT INTO Items (Id, Name) VALUES ($id, $name)");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; " + sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
