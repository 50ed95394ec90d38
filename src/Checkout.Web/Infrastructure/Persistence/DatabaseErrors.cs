namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

public static class DatabaseErrors
{
    private const int SqliteUniqueConstraint = 2067;
    private const int SqlitePrimaryKeyConstraint = 1555;

    /// <summary>True when the insert lost to a row with the same key: the work was already done.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.IsUniqueViolation(),
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };

    /// <summary>The same for a raw SQLite command (see <see cref="SqliteGroupCommit"/>).</summary>
    public static bool IsUniqueViolation(this SqliteException exception) =>
        exception.SqliteExtendedErrorCode is SqliteUniqueConstraint or SqlitePrimaryKeyConstraint;
}

public static class InsertOnce
{
    /// <summary>Inserts the row unless one with the same key exists or wins a race to it; true when this call stored it.</summary>
    public static async Task<bool> TryInsertOnceAsync<T>(this CheckoutDbContext db, T row, CancellationToken cancellationToken)
        where T : class
    {
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
    }
}
