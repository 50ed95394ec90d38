namespace Checkout.Integration.Tests;

using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A batch saved by prepared statements must store exactly what <c>SaveChanges</c> stores, or nothing.</summary>
public sealed class PreparedSaveTests
{
    /// <summary>Far ahead, so the app's own delivery worker never takes these rows.</summary>
    private static readonly DateTimeOffset Then = new(2031, 12, 7, 8, 30, 15, 123, TimeSpan.Zero);

    private readonly CheckoutAppFactory app = SharedApp.Default.App;

    [Fact]
    public async Task Inserts_and_updates_read_back_exactly_as_SaveChanges_stores_them()
    {
        var byEf = NewIds();
        var prepared = NewIds();
        await SaveAsync(db => AddEventWithDelivery(db, byEf), usePreparedSave: false);
        await SaveAsync(db => AddEventWithDelivery(db, prepared), usePreparedSave: true);
        await AssertSameRowsAsync(byEf, prepared);

        await SaveAsync(db => ChangeDeliveryAsync(db, byEf.Delivery), usePreparedSave: false);
        await SaveAsync(db => ChangeDeliveryAsync(db, prepared.Delivery), usePreparedSave: true);
        var (efDelivery, preparedDelivery) = await AssertSameRowsAsync(byEf, prepared);
        Assert.Equal((EventDeliveryStatus.Delivered, 3, 204, (string?)null), (preparedDelivery.Status, preparedDelivery.Attempts, preparedDelivery.LastStatusCode, preparedDelivery.LastError));
        Assert.Equal(efDelivery.DeliveredAt, preparedDelivery.DeliveredAt);
        Assert.NotNull(preparedDelivery.DeliveredAt);
    }

    [Fact]
    public async Task A_row_gone_before_its_update_fails_the_save_and_stores_nothing_of_it()
    {
        var gone = NewIds();
        var after = NewIds();
        await SaveAsync(db => AddEventWithDelivery(db, gone), usePreparedSave: true);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var delivery = await db.Set<EventDelivery>().SingleAsync(d => d.Id == gone.Delivery);
        await db.Set<EventDelivery>().Where(d => d.Id == gone.Delivery).ExecuteDeleteAsync();
        delivery.Attempts = 9;
        AddEventWithDelivery(db, after);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveBatchAsync(CancellationToken.None));
        await transaction.RollbackAsync();

        await using var read = app.Services.CreateAsyncScope();
        var check = read.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        Assert.False(await check.Set<OutboxEvent>().AnyAsync(e => e.Id == after.Event));
        Assert.True(await check.Set<EventDelivery>().AnyAsync(d => d.Id == gone.Delivery));
    }

    private static (string Event, Guid Delivery) NewIds() => ($"evt_test_{Guid.NewGuid():N}", Guid.NewGuid());

    private static void AddEventWithDelivery(CheckoutDbContext db, (string Event, Guid Delivery) ids)
    {
        db.Add(new OutboxEvent { Id = ids.Event, Type = "subscription.renewed", CreatedAt = Then, Payload = "{\"a\":\"é\"}" });
        db.Add(new EventDelivery
        {
            Id = ids.Delivery,
            EventId = ids.Event,
            Endpoint = "store",
            Status = EventDeliveryStatus.Pending,
            CreatedAt = Then,
            GiveUpAt = Then.AddDays(3),
            NextAttemptAt = Then.AddSeconds(1.5),
            LastError = "first",
            ClaimedBy = "someone",
            ClaimedUntil = Then.AddMinutes(2),
        });
    }

    private static async Task ChangeDeliveryAsync(CheckoutDbContext db, Guid id)
    {
        var delivery = await db.Set<EventDelivery>().SingleAsync(d => d.Id == id);
        delivery.Status = EventDeliveryStatus.Delivered;
        delivery.DeliveredAt = Then.AddHours(1).AddTicks(12345);
        delivery.LastStatusCode = 204;
        delivery.LastError = null;
        delivery.Attempts = 3;
        delivery.ClaimedBy = null;
        delivery.ClaimedUntil = null;
    }

    private async Task SaveAsync(Func<CheckoutDbContext, Task> change, bool usePreparedSave)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await change(db);
        if (usePreparedSave)
        {
            Assert.True(await db.SaveBatchAsync(CancellationToken.None), "saved by SaveChanges, not by prepared statements");
        }
        else
        {
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
    }

    private Task SaveAsync(Action<CheckoutDbContext> change, bool usePreparedSave) =>
        SaveAsync(db => { change(db); return Task.CompletedTask; }, usePreparedSave);

    /// <summary>Every mapped column of the two events and the two deliveries alike, ids and the store's sequence aside.</summary>
    private async Task<(EventDelivery ByEf, EventDelivery Prepared)> AssertSameRowsAsync((string Event, Guid Delivery) byEf, (string Event, Guid Delivery) prepared)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        var events = await db.Set<OutboxEvent>().AsNoTracking().Where(e => e.Id == byEf.Event || e.Id == prepared.Event).ToDictionaryAsync(e => e.Id);
        var deliveries = await db.Set<EventDelivery>().AsNoTracking().Where(d => d.Id == byEf.Delivery || d.Id == prepared.Delivery).ToDictionaryAsync(d => d.Id);
        Assert.Equal(2, events.Count);
        Assert.Equal(2, deliveries.Count);
        Assert.True(events[prepared.Event].Sequence > events[byEf.Event].Sequence);
        AssertSameColumns(db, events[byEf.Event], events[prepared.Event], nameof(OutboxEvent.Id), nameof(OutboxEvent.Sequence));
        AssertSameColumns(db, deliveries[byEf.Delivery], deliveries[prepared.Delivery], nameof(EventDelivery.Id), nameof(EventDelivery.EventId));
        return (deliveries[byEf.Delivery], deliveries[prepared.Delivery]);
    }

    private static void AssertSameColumns<T>(CheckoutDbContext db, T expected, T actual, params string[] except)
    {
        var properties = db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => !except.Contains(p.Name) && p.PropertyInfo is not null).ToList();
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            Assert.Equal((property.Name, property.PropertyInfo!.GetValue(expected)), (property.Name, property.PropertyInfo.GetValue(actual)));
        }
    }
}
