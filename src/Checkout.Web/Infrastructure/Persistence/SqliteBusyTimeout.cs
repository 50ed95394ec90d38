namespace Checkout.Web.Infrastructure.Persistence;

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

/// <summary>
/// Lets SQLite itself wait for a competing writer (its busy timeout) instead of the client's sleep-and-retry
/// loop, which the load benchmark showed as most of the app's waiting time. Set on the native handle at every
/// open (a pooled handle keeps it, a new one needs it): a C call, where a <c>PRAGMA</c> cost a statement's
/// parse and run on every open of every query.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public const int Milliseconds = 5000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    public static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_busy_timeout(handle, Milliseconds), handle);
        }
    }
}
