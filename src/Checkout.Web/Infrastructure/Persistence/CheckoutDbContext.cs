namespace Checkout.Web.Infrastructure.Persistence;

using Checkout.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

public sealed class CheckoutDbContext(DbContextOptions<CheckoutDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderKlarnaLink> OrderKlarnaLinks => Set<OrderKlarnaLink>();

    public DbSet<WebhookEventRecord> WebhookEvents => Set<WebhookEventRecord>();

    public DbSet<PendingAuthorization> PendingAuthorizations => Set<PendingAuthorization>();

    public DbSet<CustomerTokenRecord> CustomerTokens => Set<CustomerTokenRecord>();

    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset text; store it as a sortable number.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
        else
        {
            // PostgreSQL's timestamp with time zone holds an instant; Npgsql accepts only UTC offsets.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(order =>
        {
            order.HasKey(o => o.Id);
            order.Property(o => o.PlanId).HasMaxLength(64);
            order.Property(o => o.Currency).HasMaxLength(3);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
            order.Property(o => o.PlanKind).HasConversion<string>().HasMaxLength(32);
            order.Property(o => o.PaymentRequestId).HasMaxLength(200);
            order.Property(o => o.AcquirerPaymentId).HasMaxLength(200);
            order.Property(o => o.StatusReason).HasMaxLength(500);
            order.Property(o => o.LastKlarnaError).HasMaxLength(1000);
            order.Ignore(o => o.AmountDue);
            order.Ignore(o => o.ChargesNow);
            order.Ignore(o => o.Reference);
            order.HasIndex(o => o.PaymentRequestId);
            order.HasIndex(o => o.AcquirerPaymentId);
            order.HasIndex(o => o.Status);
        });
        modelBuilder.Entity<OrderKlarnaLink>().HasKey(l => l.OrderId);
        modelBuilder.Entity<WebhookEventRecord>(e =>
        {
            e.HasKey(w => w.EventId);
            e.HasIndex(w => w.ReceivedAt, "IX_WebhookEvents_Unprocessed").HasFilter("\"ProcessedAt\" IS NULL");
            e.HasIndex(w => w.ClaimedBy).HasFilter("\"ClaimedBy\" IS NOT NULL");
        });
        modelBuilder.Entity<PendingAuthorization>().HasKey(p => p.OrderId);
        modelBuilder.Entity<CustomerTokenRecord>().HasKey(t => t.OrderId);
        modelBuilder.Entity<DataProtectionKeyRecord>(k =>
        {
            k.HasKey(d => d.Id);
            k.HasIndex(d => d.FriendlyName).IsUnique();
        });
    }
}
