namespace Checkout.Integration.Tests;

using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

/// <summary>The renewals harness (fake clock, recording acquirer) with the store's receiver as its one event endpoint.</summary>
public sealed class MerchantEventsHarness : IAsyncDisposable
{
    private MerchantEventsHarness(EventReceiver receiver, RenewalsHarness renewals)
    {
        Receiver = receiver;
        Renewals = renewals;
    }

    public EventReceiver Receiver { get; }

    public RenewalsHarness Renewals { get; }

    public FakeTimeProvider Clock => Renewals.Clock;

    public CheckoutAppFactory App => Renewals.App;

    public static async Task<MerchantEventsHarness> StartAsync(IDictionary<string, string?>? settings = null, string? databasePath = null, FakeTimeProvider? clock = null)
    {
        var receiver = await EventReceiver.StartAsync();
        var all = receiver.Settings();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return new MerchantEventsHarness(receiver, new RenewalsHarness(clock ?? new FakeTimeProvider(DateTimeOffset.UtcNow), new TokenChargeLedger(), databasePath, settings: all));
    }

    public async Task<List<EventDelivery>> DeliveriesAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().EventDeliveries.AsNoTracking().ToListAsync();
    }

    public async Task<List<EventDeliveryAttempt>> AttemptsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().EventDeliveryAttempts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>Waits until the deliveries have <paramref name="attempts"/> attempts recorded in all.</summary>
    public Task WaitForAttemptsAsync(int attempts) =>
        App.WaitForAsync(async db => await db.EventDeliveryAttempts.CountAsync() >= attempts);

    /// <summary>Moves the clock past the next attempt of every pending delivery, and waits for those attempts.</summary>
    public async Task RetryPendingAsync()
    {
        var pending = (await DeliveriesAsync()).Where(d => d.Status == EventDeliveryStatus.Pending).ToList();
        var recorded = (await AttemptsAsync()).Count;
        if (pending.Count == 0)
        {
            return;
        }
        Renewals.AdvanceTo(pending.Max(d => d.NextAttemptAt) + TimeSpan.FromSeconds(1));
        await WaitForAttemptsAsync(recorded + pending.Count);
    }

    public async ValueTask DisposeAsync()
    {
        Renewals.Dispose();
        await Receiver.DisposeAsync();
    }
}
