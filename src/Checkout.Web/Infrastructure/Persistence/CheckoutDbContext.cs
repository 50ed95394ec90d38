namespace Checkout.Web.Infrastructure.Persistence;

using Checkout.Domain.Orders;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The model both providers share. Each provider has its own subclass, and so its own set of migrations
/// (<see cref="SqliteCheckoutDbContext"/>, <see cref="PostgresCheckoutDbContext"/>), as EF Core documents
/// for several providers.
/// </summary>
public abstract class CheckoutDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderKlarnaLink> OrderKlarnaLinks => Set<OrderKlarnaLink>();

    public DbSet<WebhookEventRecord> WebhookEvents => Set<WebhookEventRecord>();

    public DbSet<PendingAuthorization> PendingAuthorizations => Set<PendingAuthorization>();

    public DbSet<CustomerTokenRecord> CustomerTokens => Set<CustomerTokenRecord>();

    /// <summary>The Data Protection key ring (<c>PersistKeysToDbContext</c>), beside the tokens it protects.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
            order.HasIndex(o => o.CheckoutKey).IsUnique();
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
        modelBuilder.Entity<DataProtectionKey>(k =>
        {
            // The columns the table had before Data Protection's own entity took it over; it always fills both.
            k.Property(d => d.FriendlyName).HasMaxLength(200).IsRequired();
            k.Property(d => d.Xml).IsRequired();
            k.HasIndex(d => d.FriendlyName).IsUnique();
        });
    }
}
