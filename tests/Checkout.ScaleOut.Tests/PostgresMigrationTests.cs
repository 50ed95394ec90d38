namespace Checkout.ScaleOut.Tests;

using Checkout.Domain.Tokens;
using Checkout.LegacySchema;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>EF Core migrations on PostgreSQL: several instances at once, and databases made before them.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresMigrationTests(PostgresServer postgres)
{
    [Fact]
    public async Task Four_instances_migrating_a_new_database_at_once_leave_every_migration_applied_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = Context(connectionString);
            await new DatabaseMigrations(db, NullLogger<DatabaseMigrations>.Instance).MigrateAsync(CancellationToken.None);
        })));

        await using var migrated = Context(connectionString);
        Assert.Equal(migrated.Database.GetMigrations(), await migrated.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await migrated.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_database_made_by_the_SQL_scripts_keeps_every_row_key_and_token_when_two_instances_upgrade_it_at_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("legacy");
        LegacyRows legacy;
        await using (var db = Context(connectionString))
        {
            legacy = await LegacyDatabase.CreateAsync(db, null);
        }
        await using var sandbox = await SandboxServer.StartAsync();
        using var a = new AppInstance("A", connectionString, sandbox, new AcquirerCalls());
        using var b = new AppInstance("B", connectionString, sandbox, new AcquirerCalls());

        await Task.WhenAll(Task.Run(a.Start), Task.Run(b.Start));

        foreach (var instance in new[] { a, b })
        {
            var token = await instance.WithDatabaseAsync((_, s) => s.GetRequiredService<ICustomerTokenVault>().FindAsync(legacy.OrderId, CancellationToken.None));
            Assert.Equal(LegacyDatabase.CustomerToken, token?.Value);
        }
        await a.WithDatabaseAsync(async (db, _) =>
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.NotNull(await db.Orders.FindAsync(legacy.OrderId));
            Assert.NotNull((await db.WebhookEvents.FindAsync(legacy.EventId))?.ProcessedAt);
            Assert.Equal(legacy.KeyNames, await db.DataProtectionKeys.Select(k => k.FriendlyName!).OrderBy(n => n).ToListAsync());
            Assert.Equal(LegacyDatabase.AllScripts,
                await db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations ORDER BY version").ToListAsync());
            return true;
        });

        using var shopper = Shopper.Start(b);
        await shopper.OpenCheckoutAsync("premium-monthly");
        await shopper.SimulateJourneyAsync((await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!, "approve");
        Assert.Equal(2, await a.WithDatabaseAsync(async (db, _) => await db.Orders.CountAsync()));
    }

    private static PostgresCheckoutDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresCheckoutDbContext>().UseNpgsql(connectionString).Options);
}
