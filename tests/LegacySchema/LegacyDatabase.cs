namespace Checkout.LegacySchema;

using System.Data.Common;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

/// <summary>What a database made before EF Core migrations holds, and what must survive the upgrade.</summary>
public sealed record LegacyRows(Guid OrderId, string EventId, string CustomerToken, IReadOnlyList<string> KeyNames);

/// <summary>
/// A database as the releases before EF Core migrations left it: their SQL scripts applied and recorded in
/// <c>schema_migrations</c> as their migrator did, then an order (in their columns only), a processed webhook
/// event and a customer token written through the same model, encrypted with a Data Protection key that their
/// own key repository stored (optionally encrypted with a certificate).
/// </summary>
public static class LegacyDatabase
{
    public const string CustomerToken = "legacy-klarna-customer-token";

    public static readonly IReadOnlyList<string> AllScripts = ["0001_initial", "0002_work_leases", "0003_unprocessed_events_index", "0004_klarna_errors"];

    public static async Task<LegacyRows> CreateAsync(CheckoutDbContext db, X509Certificate2? keyRingCertificate)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            await ApplyScriptsAsync(connection, db.Database.IsNpgsql() ? "Postgres" : "Sqlite", AllScripts);
            var keyRing = new LegacyKeyRing(connection);
            var protector = Protector(keyRing, keyRingCertificate);

            var now = DateTimeOffset.UtcNow;
            var order = Order.Start(DemoPlans.Find("premium-monthly"), now);
            var eventId = $"legacy-{Guid.NewGuid():N}";
            await InsertOrderAsync(connection, db.Database.IsNpgsql(), order);
            await InsertWebhookEventAsync(connection, db.Database.IsNpgsql(), eventId, protector.Protect("{\"legacy\":true}"), now);
            db.CustomerTokens.Add(new CustomerTokenRecord
            {
                OrderId = order.Id,
                Scope = "payment:customer_not_present",
                ProtectedToken = protector.Protect(CustomerToken),
                Reference = "legacy-reference",
                CreatedAt = now,
            });
            await db.SaveChangesAsync();
            return new LegacyRows(order.Id, eventId, CustomerToken, keyRing.Names());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The schema alone, as a release that had run only <paramref name="scripts"/> left it.</summary>
    public static async Task ApplyScriptsAsync(CheckoutDbContext db, IReadOnlyList<string> scripts)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await ApplyScriptsAsync(db.Database.GetDbConnection(), db.Database.IsNpgsql() ? "Postgres" : "Sqlite", scripts);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>As the scripts' migrator did: a history table, then each script and its checksum.</summary>
    private static async Task ApplyScriptsAsync(DbConnection connection, string provider, IReadOnlyList<string> scripts)
    {
        await ExecuteAsync(connection, provider == "Postgres"
            ? "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(100) PRIMARY KEY, checksum varchar(64) NOT NULL, applied_at timestamp with time zone NOT NULL DEFAULT now());"
            : "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT NOT NULL PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);");
        foreach (var version in scripts)
        {
            var sql = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "LegacySchema", provider, version + ".sql")))
                .Replace("\r\n", "\n", StringComparison.Ordinal);
            await ExecuteAsync(connection, sql);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version, checksum) VALUES ('{version}', '{checksum}');");
        }
    }

    /// <summary>The order as those releases wrote it: the columns their scripts made, none the model gained since.</summary>
    private static async Task InsertOrderAsync(DbConnection connection, bool postgres, Order order)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO "Orders" ("Id", "PlanId", "PlanKind", "AmountDueMinorUnits", "Currency", "Status", "CreatedAt", "UpdatedAt")
            VALUES (@id, @plan, @kind, @amount, @currency, @status, @at, @at)
            """;
        var at = postgres ? order.CreatedAt.ToUniversalTime() : new DateTimeOffsetToBinaryConverter().ConvertToProvider(order.CreatedAt)!;
        (string Name, object Value)[] values =
        [
            ("@id", postgres ? order.Id : order.Id.ToString().ToUpperInvariant()), ("@plan", order.PlanId), ("@kind", order.PlanKind.ToString()),
            ("@amount", order.AmountDueMinorUnits), ("@currency", order.Currency), ("@status", order.Status.ToString()), ("@at", at),
        ];
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A processed event in the scripts' columns only (the model has columns they never created).</summary>
    private static async Task InsertWebhookEventAsync(DbConnection connection, bool postgres, string eventId, string protectedBody, DateTimeOffset now)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO "WebhookEvents" ("EventId", "EventType", "ProtectedBody", "ReceivedAt", "ProcessedAt", "Attempts", "NextAttemptAt")
            VALUES (@id, 'payment.request.state-change.completed', @body, @at, @at, 1, @at)
            """;
        var at = postgres ? now.ToUniversalTime() : new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)!;
        foreach (var (name, value) in new (string, object)[] { ("@id", eventId), ("@body", protectedBody), ("@at", at) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }

    private static SecretProtector Protector(LegacyKeyRing keyRing, X509Certificate2? certificate)
    {
        var services = new ServiceCollection();
        var dataProtection = services.AddDataProtection().SetApplicationName("Checkout");
        if (certificate is not null)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = keyRing);
        return new SecretProtector(services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>());
    }

    internal static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
