namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.Data.Sqlite;

/// <summary>
/// What a <see cref="SqliteGroupCommit"/> write runs against: the batch's transaction on the writer's own
/// connection, whose commands are parsed once and then reused for every batch (parsing the inbox's INSERT
/// cost more than running it). A command is valid until the next <see cref="Command"/> with the same SQL;
/// never dispose it.
/// </summary>
public sealed class SqliteBatch : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    internal SqliteBatch(string connectionString)
    {
        Connection = new SqliteConnection(connectionString);
        try
        {
            Connection.Open();
            SqliteBusyTimeout.Apply(Connection);
        }
        catch
        {
            Connection.Dispose();
            throw;
        }
    }

    internal SqliteConnection Connection { get; }

    internal SqliteTransaction? Transaction { get; set; }

    /// <summary>The command for <paramref name="sql"/>, prepared before or now, with no parameters, in the batch's transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        Connection.Dispose();
    }
}
