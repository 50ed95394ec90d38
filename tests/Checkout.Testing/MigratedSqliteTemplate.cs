namespace Checkout.Testing;

using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>
/// One SQLite file per test process migrated by the app's own <see cref="DatabaseMigrations"/>, copied for every app that
/// starts on a new file: building each migration's model and running its steps cost every such app as much as the rest
/// of its start. The app still migrates at start-up (nothing is pending); fresh files are migrated by
/// <c>SqliteMigrationTests</c> and by the tests that run the built app as a process.
/// </summary>
internal static class MigratedSqliteTemplate
{
    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void CopyTo(string path) => File.Copy(Template.Value, path);

    private static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), $"checkout-test-template-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteCheckoutDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
        using (var db = new SqliteCheckoutDbContext(options))
        {
            new DatabaseMigrations(db, NullLogger<DatabaseMigrations>.Instance).MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
            // Everything in the main file, so that copying it alone copies the schema.
            db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => CheckoutAppFactory.DeleteDatabase(path);
        return path;
    }
}
