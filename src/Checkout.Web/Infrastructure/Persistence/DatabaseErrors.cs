namespace Checkout.Web.Infrastructure.Persistence;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;

    /// <summary>True when the insert lost to a row with the same key: the work was already done.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint };
}
