namespace Checkout.Integration.Tests;

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Checkout.Domain.Tokens;
using Checkout.LegacySchema;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>EF Core migrations on SQLite, the default: new databases, several instances, and databases made before them.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private const string CertificatePassword = "legacy-key-ring-password";

    private readonly string _path = CheckoutAppFactory.NewDatabasePath();
    private readonly string _directory = Directory.CreateTempSubdirectory("checkout-migrations-").FullName;

    [Fact]
    public async Task A_database_made_by_the_SQL_scripts_keeps_every_row_key_and_token_when_the_app_upgrades_it()
    {
        using var certificate = WriteCertificate(out var certificatePath);
        LegacyRows legacy;
        await using (var db = Context())
        {
            legacy = await LegacyDatabase.CreateAsync(db, certificate);
        }
        var settings = new Dictionary<string, string?>
        {
            [KeyRingEncryption.PathKey] = certificatePath,
            [KeyRingEncryption.PasswordKey] = CertificatePassword,
        };

        using var app = CheckoutAppFactory.With(_path, 0, settings, null);
        app.EnsureStarted();

        await using var scope = app.Services.CreateAsyncScope();
        var upgraded = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        Assert.Equal(upgraded.Database.GetMigrations(), await upgraded.Database.GetAppliedMigrationsAsync());
        Assert.NotNull(await upgraded.Orders.FindAsync(legacy.OrderId));
        Assert.NotNull((await upgraded.WebhookEvents.FindAsync(legacy.EventId))?.ProcessedAt);
        Assert.Equal(legacy.KeyNames, await upgraded.DataProtectionKeys.Select(k => k.FriendlyName!).Order().ToListAsync());
        var token = await scope.ServiceProvider.GetRequiredService<ICustomerTokenVault>().FindAsync(legacy.OrderId, CancellationToken.None);
        Assert.Equal(LegacyDatabase.CustomerToken, token?.Value);
        Assert.Equal(LegacyDatabase.AllScripts, await ScriptsRecordedAsync(upgraded));

        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        await shopper.InitiateAsync();
        Assert.Equal(2, await upgraded.Orders.CountAsync());
    }

    [Fact]
    public async Task A_database_the_SQL_scripts_left_behind_is_refused_naming_the_scripts_it_lacks()
    {
        await using (var db = Context())
        {
            await LegacyDatabase.ApplyScriptsAsync(db, LegacyDatabase.AllScripts.Take(3).ToList());
        }
        using var app = CheckoutAppFactory.With(_path, 0, null, null);

        var messages = string.Join('\n', ExceptionChain.Flatten(Assert.ThrowsAny<Exception>(app.EnsureStarted)).Select(e => e.Message));

        Assert.Contains("0004_klarna_errors", messages, StringComparison.Ordinal);
        await using var after = Context();
        Assert.Empty(await after.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Four_instances_migrating_a_new_database_at_once_leave_every_migration_applied_once()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = Context();
            await new DatabaseMigrations(db, NullLogger<DatabaseMigrations>.Instance).MigrateAsync(CancellationToken.None);
        })));

        await using var migrated = Context();
        Assert.Equal(migrated.Database.GetMigrations(), await migrated.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await migrated.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public void Every_model_change_has_its_migration_on_both_providers()
    {
        using var sqlite = new SqliteCheckoutDbContextFactory().CreateDbContext([]);
        using var postgres = new PostgresCheckoutDbContextFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add <Name> --project src/Checkout.Web --context SqliteCheckoutDbContext");
        Assert.False(postgres.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add <Name> --project src/Checkout.Web --context PostgresCheckoutDbContext");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        CheckoutAppFactory.DeleteDatabase(_path);
        Directory.Delete(_directory, recursive: true);
    }

    private SqliteCheckoutDbContext Context() => new(new DbContextOptionsBuilder<SqliteCheckoutDbContext>()
        .UseSqlite($"Data Source={_path}").AddInterceptors(new SqliteBusyTimeout()).Options);

    private static async Task<List<string>> ScriptsRecordedAsync(CheckoutDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations ORDER BY version").ToListAsync();

    private X509Certificate2 WriteCertificate(out string path)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Checkout key ring (legacy test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        path = Path.Combine(_directory, "keyring.pfx");
        var pfx = certificate.Export(X509ContentType.Pfx, CertificatePassword);
        File.WriteAllBytes(path, pfx);
        return X509CertificateLoader.LoadPkcs12(pfx, CertificatePassword);
    }
}
