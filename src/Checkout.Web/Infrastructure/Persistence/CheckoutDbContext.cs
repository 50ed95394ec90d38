namespace Checkout.Web.Infrastructure.Persistence;

using Checkout.Domain.OnDemand;
using Checkout.Domain.Orders;
using Checkout.Domain.Sessions;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Events;
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

    /// <summary>Subscriptions with their answered renewal attempts (<c>RenewalAttempts</c>).</summary>
    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<SubscriptionRenewal> SubscriptionRenewals => Set<SubscriptionRenewal>();

    public DbSet<CustomerTokenRecord> CustomerTokens => Set<CustomerTokenRecord>();

    /// <summary>Rides charged on a customer-present token, one per merchant idempotency key.</summary>
    public DbSet<OnDemandCharge> OnDemandCharges => Set<OnDemandCharge>();

    /// <summary>Operators' sign-ins, so a sign-out ends a copied cookie too.</summary>
    public DbSet<OperatorSession> OperatorSessions => Set<OperatorSession>();

    /// <summary>Per subscription, the version its shopper links must carry; raised to revoke them.</summary>
    public DbSet<ShopperLinkVersion> ShopperLinkVersions => Set<ShopperLinkVersion>();

    /// <summary>Checkout sessions the merchant's store opened, one per its idempotency key.</summary>
    public DbSet<CheckoutSession> CheckoutSessions => Set<CheckoutSession>();

    /// <summary>Portal links issued to the store's server, one per its <c>Idempotency-Key</c>.</summary>
    public DbSet<PortalLinkRecord> PortalLinks => Set<PortalLinkRecord>();

    /// <summary>Events for the merchant's systems, stored with the change each reports (the outbox); see <see cref="Events.MerchantEvents"/>.</summary>
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();

    /// <summary>One per event and endpoint, retried until delivered or failed.</summary>
    public DbSet<EventDelivery> EventDeliveries => Set<EventDelivery>();

    public DbSet<EventDeliveryAttempt> EventDeliveryAttempts => Set<EventDeliveryAttempt>();

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
            order.HasIndex(o => o.CheckoutSessionId);
        });
        modelBuilder.Entity<CheckoutSession>(session =>
        {
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).ValueGeneratedNever();
            session.Property(s => s.IdempotencyKey).HasMaxLength(200);
            session.HasIndex(s => s.IdempotencyKey).IsUnique();
            session.Property(s => s.RequestDigest).HasMaxLength(64);
            session.Property(s => s.PlanId).HasMaxLength(64);
            session.Property(s => s.ClientReferenceId).HasMaxLength(200);
            session.Property(s => s.CustomerEmail).HasMaxLength(254);
            session.Property(s => s.CustomerGivenName).HasMaxLength(100);
            session.Property(s => s.CustomerFamilyName).HasMaxLength(100);
            session.Property(s => s.CustomerCountry).HasMaxLength(2);
            session.Property(s => s.Locale).HasMaxLength(10);
            session.Property(s => s.SuccessUrl).HasMaxLength(2100);
            session.Property(s => s.CancelUrl).HasMaxLength(2100);
            session.Property(s => s.MetadataJson).HasMaxLength(16000);
            session.Property(s => s.Status).HasConversion<string>().HasMaxLength(32);
            // The sweeper's question: which open sessions ran out of time.
            session.HasIndex(s => s.ExpiresAt, "IX_CheckoutSessions_OpenExpiresAt").HasFilter("\"Status\" = 'Open'");
        });
        modelBuilder.Entity<PortalLinkRecord>(link =>
        {
            link.ToTable("PortalLinks");
            link.HasKey(l => l.IdempotencyKey);
            link.Property(l => l.IdempotencyKey).HasMaxLength(200);
            link.Property(l => l.ProtectedPath).HasMaxLength(4000);
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
        modelBuilder.Entity<Subscription>(subscription =>
        {
            subscription.HasKey(s => s.Id);
            subscription.Property(s => s.Id).ValueGeneratedNever();
            subscription.Property(s => s.PlanId).HasMaxLength(64);
            subscription.Property(s => s.Currency).HasMaxLength(3);
            subscription.Property(s => s.Interval).HasConversion<string>().HasMaxLength(16);
            subscription.Property(s => s.TokenScope).HasConversion<string>().HasMaxLength(32);
            subscription.Property(s => s.Status).HasConversion<string>().HasMaxLength(32);
            subscription.Property(s => s.StatusReason).HasMaxLength(500);
            subscription.Ignore(s => s.Price);
            subscription.Ignore(s => s.CurrentPeriod);
            subscription.Ignore(s => s.DuePeriodNumber);
            subscription.Ignore(s => s.CancelsAt);
            subscription.Ignore(s => s.NextAttempt);
            // The scheduler's two questions: whose charge has come, whose cancellation at period end has come.
            subscription.HasIndex(s => s.NextChargeAt);
            subscription.HasIndex(s => s.CurrentPeriodEnd, "IX_Subscriptions_Canceling").HasFilter("\"CancelAtPeriodEnd\"");
            subscription.OwnsMany(s => s.Attempts, attempt =>
            {
                attempt.ToTable("RenewalAttempts");
                attempt.WithOwner().HasForeignKey("SubscriptionId");
                // One row per attempt at a period: the same attempt can never be recorded twice.
                attempt.HasKey("SubscriptionId", nameof(RenewalAttempt.PeriodNumber), nameof(RenewalAttempt.AttemptNumber));
                attempt.Property(a => a.Result).HasConversion<string>().HasMaxLength(32);
                attempt.Property(a => a.Reason).HasMaxLength(500);
            });
            subscription.Navigation(s => s.Attempts).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<SubscriptionRenewal>(renewal =>
        {
            renewal.HasKey(r => r.SubscriptionId);
            renewal.HasOne<Subscription>().WithOne().HasForeignKey<SubscriptionRenewal>(r => r.SubscriptionId);
            // The scheduler's first question: whose charge in flight awaits its answer (a few rows among every subscription's).
            renewal.HasIndex(r => r.NextAttemptAt, "IX_SubscriptionRenewals_InFlight").HasFilter("\"InFlightKey\" IS NOT NULL");
        });
        modelBuilder.Entity<OnDemandCharge>(charge =>
        {
            charge.HasKey(c => c.Id);
            charge.Property(c => c.Id).ValueGeneratedNever();
            charge.Property(c => c.IdempotencyKey).HasMaxLength(200);
            charge.Property(c => c.RequestDigest).HasMaxLength(64);
            charge.Property(c => c.Currency).HasMaxLength(3);
            charge.Property(c => c.RideReference).HasMaxLength(100);
            charge.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
            charge.Property(c => c.AcquirerPaymentId).HasMaxLength(200);
            charge.Property(c => c.PaymentTransactionId).HasMaxLength(200);
            charge.Property(c => c.PurchaseJourneyUrl).HasMaxLength(2000);
            charge.Property(c => c.Reason).HasMaxLength(500);
            charge.Ignore(c => c.Amount);
            charge.Ignore(c => c.Reference);
            charge.Ignore(c => c.AcquirerIdempotencyKey);
            // The same key twice finds the first charge: two requests racing with one key insert one row.
            charge.HasIndex(c => c.IdempotencyKey).IsUnique();
            charge.HasIndex(c => c.AcquirerPaymentId);
            charge.HasIndex(c => c.CustomerId);
        });
        modelBuilder.Entity<OperatorSession>(session =>
        {
            session.HasKey(o => o.Id);
            session.Property(o => o.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<ShopperLinkVersion>(version =>
        {
            version.HasKey(v => v.SubscriptionId);
            version.Property(v => v.SubscriptionId).ValueGeneratedNever();
        });
        EventModel.Configure(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>(k =>
        {
            // The columns the table had before Data Protection's own entity took it over; it always fills both.
            k.Property(d => d.FriendlyName).HasMaxLength(200).IsRequired();
            k.Property(d => d.Xml).IsRequired();
            k.HasIndex(d => d.FriendlyName).IsUnique();
        });
    }
}
