namespace Checkout.ScaleOut.Tests;

using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

/// <summary>SQLite, the default, gets the same schema through its own scripts.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"checkout-schema-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Sqlite_migrations_build_exactly_the_schema_the_model_maps()
    {
        var connectionString = $"Data Source={_path}";
        var options = new DbContextOptionsBuilder<CheckoutDbContext>().UseSqlite(connectionString).Options;

        var first = await SchemaMigrationTests.MigrateAsync(options);
        var again = await SchemaMigrationTests.MigrateAsync(options);

        Assert.Equal(SqlMigration.For(DatabaseProvider.Sqlite).Select(m => m.Version), first);
        Assert.Empty(again);
        await using var db = new CheckoutDbContext(options);
        Assert.Equal(SchemaSnapshot.FromModel(db), await SchemaSnapshot.FromSqliteAsync(connectionString));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
