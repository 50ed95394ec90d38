namespace Checkout.ScaleOut.Tests;

using System.Diagnostics;
using Checkout.Web.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

/// <summary>
/// Two app instances on one PostgreSQL database, both delivery workers running, many events due at once for one store's
/// receiver: every event is delivered, and each attempt is sent by one instance only, counted at the instances' own
/// HTTP clients and at the receiver.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class EventDeliveryTwoInstancesTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int EventCount = 120;

    private readonly EventSends _sends = new();
    private EventReceiver _receiver = null!;
    private SandboxServer _sandbox = null!;
    private AppInstance _a = null!;
    private AppInstance _b = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("events");
        _sandbox = await SandboxServer.StartAsync();
        _receiver = await EventReceiver.StartAsync();
        var settings = _receiver.Settings();
        _a = new AppInstance("A", connectionString, _sandbox, new AcquirerCalls(), settings, Recorder("A"));
        _b = new AppInstance("B", connectionString, _sandbox, new AcquirerCalls(), settings, Recorder("B"));
        await Task.WhenAll(Task.Run(_a.Start), Task.Run(_b.Start));
    }

    [Fact]
    public async Task Many_events_due_at_once_are_each_delivered_and_each_attempt_sent_once_by_two_instances()
    {
        var clock = Stopwatch.StartNew();
        var staged = await _a.WithDatabaseAsync(async (db, _) =>
        {
            var ids = Enumerable.Range(0, EventCount)
                .Select(i => MerchantEvents.Add(db, MerchantEventTypes.CheckoutSessionCompleted, new { id = $"cs_test_{i}", status = "complete" }))
                .ToList();
            await db.SaveChangesAsync();
            return ids;
        });

        await Eventually.MatchesAsync(
            "every event to be delivered (deliveries not yet delivered)",
            () => _a.WithDatabaseAsync((db, _) => db.EventDeliveries.CountAsync(d => d.Status != EventDeliveryStatus.Delivered)),
            left => left == 0);
        var sends = _sends.All.ToArray();
        output.WriteLine($"{EventCount} events delivered after {clock.Elapsed.TotalSeconds:F1} s; sent by instance "
            + string.Join(", ", sends.GroupBy(s => s.Instance).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}")));

        // Without the delivery's claim, both instances send the same attempt: one line per event sent more than once.
        Assert.Empty(sends.GroupBy(s => s.WebhookId).Where(g => g.Count() > 1).Select(g => $"{g.Key} sent by {string.Join(", ", g.Select(s => s.Instance))}"));
        var expected = staged.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, sends.Select(s => s.WebhookId).Order(StringComparer.Ordinal));
        Assert.All(sends, s => Assert.Equal(204, s.Status));
        Assert.Equal(expected, _receiver.Received.Select(r => r.WebhookId).Order(StringComparer.Ordinal));
        Assert.All(_receiver.Received, r => Assert.True(r.SignatureValid, r.WebhookId));

        var deliveries = await _a.WithDatabaseAsync((db, _) => db.EventDeliveries.AsNoTracking().ToListAsync());
        Assert.Equal(expected, deliveries.Select(d => d.EventId).Order(StringComparer.Ordinal));
        Assert.All(deliveries, d => Assert.True(
            d is { Status: EventDeliveryStatus.Delivered, Attempts: 1, LastStatusCode: 204, ClaimedBy: null, ClaimedUntil: null },
            $"{d.EventId}: {d.Status} after {d.Attempts} attempts, last {d.LastStatusCode}, claimed by {d.ClaimedBy}"));
        var attempts = await _a.WithDatabaseAsync((db, _) => db.EventDeliveryAttempts.AsNoTracking().ToListAsync());
        Assert.Equal(deliveries.Select(d => d.Id).Order(), attempts.Select(a => a.DeliveryId).Order());
        Assert.All(attempts, a => Assert.Equal((1, 204), (a.Number, a.StatusCode)));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _receiver.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private Action<IServiceCollection> Recorder(string instance) =>
        services => services.AddHttpClient(SignedEventSender.HttpClientName).AddHttpMessageHandler(() => new EventSendRecorder(_sends, instance));
}
