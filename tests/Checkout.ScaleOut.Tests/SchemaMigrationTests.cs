namespace Checkout.ScaleOut.Tests;

using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>The hand-written migrations must build exactly what the EF model maps, once, however many instances start.</summary>
[Collection(PostgresGroup.Name)]
public sealed class SchemaMigrationTests(PostgresServer postgres)
{
    [Fact]
    public async Task Postgres_migrations_build_exactly_the_schema_the_model_maps()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schema");
        var options = new DbContextOptionsBuilder<CheckoutDbContext>().UseNpgsql(connectionString).Options;

        // Four instances starting at once on an empty database.
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => MigrateAsync(options))));
        var again = await MigrateAsync(options);

        var versions = SqlMigration.For(DatabaseProvider.Postgres).Select(m => m.Version);
        Assert.Equal(versions, runs.SelectMany(applied => applied).Order(StringComparer.Ordinal));
        Assert.Empty(again);
        await using var db = new CheckoutDbContext(options);
        Assert.Equal(SchemaSnapshot.FromModel(db), await SchemaSnapshot.FromPostgresAsync(connectionString));
    }

    internal static async Task<IReadOnlyList<string>> MigrateAsync(DbContextOptions<CheckoutDbContext> options)
    {
        await using var db = new CheckoutDbContext(options);
        return await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }
}
