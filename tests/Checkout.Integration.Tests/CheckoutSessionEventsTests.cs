namespace Checkout.Integration.Tests;

using System.Net;
using Checkout.Domain.Sessions;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The app with the merchant API on and the store's event receiver as its one endpoint.</summary>
public sealed class SessionEventsApp : IAsyncLifetime
{
    public EventReceiver Receiver { get; private set; } = null!;

    public CheckoutAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await EventReceiver.StartAsync();
        var settings = StoreServer.Settings();
        foreach (var (key, value) in Receiver.Settings())
        {
            settings[key] = value;
        }
        App = CheckoutAppFactory.With(null, 0, settings, null);
        App.EnsureStarted();
    }

    /// <summary>The outbox's events of <paramref name="type"/> about session <paramref name="sessionId"/>, as stored.</summary>
    public async Task<List<OutboxEvent>> StoredAsync(string type, string sessionId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        return await db.OutboxEvents.AsNoTracking().Where(e => e.Type == type && e.Payload.Contains(sessionId)).ToListAsync();
    }

    /// <summary>Runs <paramref name="sql"/> on the app's database, as an operator at the console would.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    public async Task DisposeAsync()
    {
        App.Dispose();
        await Receiver.DisposeAsync();
    }
}

/// <summary>
/// The store hears that a session completed or expired from one signed event each, written in the transaction that moves
/// the session, with its own reference and metadata and never a token.
/// </summary>
public sealed class CheckoutSessionEventsTests(SessionEventsApp events) : IClassFixture<SessionEventsApp>
{
    [Fact]
    public async Task A_paid_session_tells_the_store_checkout_session_completed_once_with_its_reference_metadata_and_subscription()
    {
        using var store = new StoreServer(events.App);
        var created = await store.CreatedAsync(StoreServer.Session(extra: new Dictionary<string, object?>
        {
            ["metadata"] = new Dictionary<string, string> { ["cart"] = "c-981" },
        }));
        var sessionId = created.GetProperty("id").GetString()!;
        using var shopper = Shopper.Start(events.App);

        await shopper.OpenSessionAsync(created.GetProperty("url").GetString()!);
        var started = await shopper.InitiateAsync();
        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
        await events.Receiver.WaitForAsync(r => r.Any(e => e.Type == MerchantEventTypes.CheckoutSessionCompleted && e.Body.Contains(sessionId, StringComparison.Ordinal)));

        var completed = Assert.Single(events.Receiver.Delivered, e => e.Type == MerchantEventTypes.CheckoutSessionCompleted && e.Body.Contains(sessionId, StringComparison.Ordinal));
        Assert.True(completed.SignatureValid);
        var data = completed.Data;
        Assert.Equal("checkout.session", data.GetProperty("object").GetString());
        Assert.Equal(sessionId, data.GetProperty("id").GetString());
        Assert.Equal("complete", data.GetProperty("status").GetString());
        Assert.Equal("account-4711", data.GetProperty("client_reference_id").GetString());
        Assert.Equal("c-981", data.GetProperty("metadata").GetProperty("cart").GetString());
        Assert.Equal(shopper.CheckoutId, data.GetProperty("order_id").GetString());
        Assert.Equal(shopper.CheckoutId, data.GetProperty("subscription_id").GetString());
        Assert.Single(await events.StoredAsync(MerchantEventTypes.CheckoutSessionCompleted, sessionId));
        Assert.Empty(await events.StoredAsync(MerchantEventTypes.CheckoutSessionExpired, sessionId));
        Assert.DoesNotContain("token\"", completed.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("krn:", completed.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_session_the_store_expires_tells_checkout_session_expired_once()
    {
        using var store = new StoreServer(events.App);
        var created = await store.CreatedAsync(StoreServer.Session("family-trial", new Dictionary<string, object?>
        {
            ["metadata"] = new Dictionary<string, string> { ["campaign"] = "spring" },
        }));
        var sessionId = created.GetProperty("id").GetString()!;

        var (first, _) = await store.ExpireAsync(sessionId);
        var (again, _) = await store.ExpireAsync(sessionId);
        await events.Receiver.WaitForAsync(r => r.Any(e => e.Type == MerchantEventTypes.CheckoutSessionExpired && e.Body.Contains(sessionId, StringComparison.Ordinal)));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, again));
        Assert.Single(await events.StoredAsync(MerchantEventTypes.CheckoutSessionExpired, sessionId));
        var data = Assert.Single(events.Receiver.Delivered, e => e.Type == MerchantEventTypes.CheckoutSessionExpired && e.Body.Contains(sessionId, StringComparison.Ordinal)).Data;
        Assert.Equal(("expired", "family-trial", "account-4711", "spring"), (
            data.GetProperty("status").GetString(), data.GetProperty("plan_id").GetString(),
            data.GetProperty("client_reference_id").GetString(), data.GetProperty("metadata").GetProperty("campaign").GetString()));
        Assert.False(data.TryGetProperty("order_id", out _));
    }

    [Fact]
    public async Task A_session_whose_event_cannot_be_stored_stays_open_and_expires_with_its_event_once_the_outbox_takes_it()
    {
        using var store = new StoreServer(events.App);
        var sessionId = (await store.CreatedAsync(StoreServer.Session())).GetProperty("id").GetString()!;
        var trigger = $"refuse_{Guid.NewGuid():N}";
        await events.ExecuteAsync(
            $"CREATE TRIGGER {trigger} BEFORE INSERT ON MerchantEvents WHEN instr(NEW.Payload, '{sessionId}') > 0 BEGIN SELECT RAISE(ABORT, 'the outbox refuses'); END;");

        var (refused, _) = await store.ExpireAsync(sessionId);
        var (whileRefused, session) = await store.ReadAsync(sessionId);
        await events.ExecuteAsync($"DROP TRIGGER {trigger};");
        var (expired, _) = await store.ExpireAsync(sessionId);

        Assert.Equal(HttpStatusCode.InternalServerError, refused);
        Assert.Equal((HttpStatusCode.OK, "open"), (whileRefused, session.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, expired);
        Assert.Single(await events.StoredAsync(MerchantEventTypes.CheckoutSessionExpired, sessionId));
        await events.App.WaitForAsync(db => db.CheckoutSessions.AnyAsync(s => s.Id == Guid.Parse(sessionId) && s.Status == CheckoutSessionStatus.Expired));
    }

    [Fact]
    public async Task A_ride_charged_for_a_rides_session_tells_the_store_its_reference_and_metadata()
    {
        using var store = new StoreServer(events.App);
        var created = await store.CreatedAsync(StoreServer.Session("rides-on-demand", new Dictionary<string, object?>
        {
            ["client_reference_id"] = "rider-88",
            ["metadata"] = new Dictionary<string, string> { ["city"] = "Lund" },
        }));
        var sessionId = created.GetProperty("id").GetString()!;
        using var shopper = Shopper.Start(events.App);
        await shopper.OpenSessionAsync(created.GetProperty("url").GetString()!);
        var started = await shopper.InitiateAsync();
        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
        await events.App.WaitForAsync(db => db.CheckoutSessions.AnyAsync(s => s.Id == Guid.Parse(sessionId) && s.Status == CheckoutSessionStatus.Complete));
        var customerId = (await store.ReadAsync(sessionId)).Body.GetProperty("rides_customer_id").GetGuid();
        using var merchant = new RidesMerchant(events.App, StoreServer.ApiKey);

        var (_, ride) = await merchant.ChargeAsync(RidesMerchant.Ride(customerId, 1500), StoreServer.NewKey());
        var chargeId = ride.GetProperty("chargeId").GetString()!;
        await events.Receiver.WaitForAsync(r => r.Any(e => e.Type == MerchantEventTypes.RideCharged && e.Body.Contains(chargeId, StringComparison.Ordinal)));

        var data = Assert.Single(events.Receiver.Delivered, e => e.Type == MerchantEventTypes.RideCharged && e.Body.Contains(chargeId, StringComparison.Ordinal)).Data;
        Assert.Equal(("rider-88", "Lund"), (data.GetProperty("client_reference_id").GetString(), data.GetProperty("metadata").GetProperty("city").GetString()));
    }
}
