namespace Checkout.Web.Events;

using Microsoft.EntityFrameworkCore;

/// <summary>The outbox's tables: events, their deliveries (one per endpoint) and each delivery's attempts.</summary>
public static class EventModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxEvent>(e =>
        {
            e.ToTable("MerchantEvents");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Id).HasMaxLength(40).IsRequired();
            e.Property(x => x.Type).HasMaxLength(64);
            e.HasIndex(x => x.Id).IsUnique();
            e.HasIndex(x => x.CreatedAt);
        });
        modelBuilder.Entity<EventDelivery>(d =>
        {
            d.ToTable("MerchantEventDeliveries");
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).ValueGeneratedNever();
            d.Property(x => x.EventId).HasMaxLength(40);
            d.Property(x => x.Endpoint).HasMaxLength(100);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.LastError).HasMaxLength(500);
            d.Property(x => x.ClaimedBy).HasMaxLength(200);
            d.HasIndex(x => x.EventId);
            // The worker's question: which pending deliveries are due.
            d.HasIndex(x => x.NextAttemptAt, "IX_MerchantEventDeliveries_Pending").HasFilter("\"Status\" = 'Pending'");
            d.HasIndex(x => x.CreatedAt);
        });
        modelBuilder.Entity<EventDeliveryAttempt>(a =>
        {
            a.ToTable("MerchantEventAttempts");
            a.HasKey(x => x.Id);
            a.Property(x => x.Error).HasMaxLength(500);
            // One row per attempt number: a claimer whose lease lapsed cannot record the same attempt twice.
            a.HasIndex(x => new { x.DeliveryId, x.Number }).IsUnique();
        });
    }
}
