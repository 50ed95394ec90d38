namespace Checkout.Integration.Tests;

using Checkout.Domain.Orders;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A subscription a store's session started carries the session's client_reference_id and metadata on every event.</summary>
public sealed class StoreReferenceEventsTests
{
    [Fact]
    public async Task A_subscription_from_a_session_tells_its_creation_and_renewal_with_the_stores_reference_and_metadata()
    {
        await using var events = await MerchantEventsHarness.StartAsync(StoreServer.Settings());
        using var store = new StoreServer(events.App);
        var session = await store.CreatedAsync(StoreServer.Session(extra: new Dictionary<string, object?>
        {
            ["metadata"] = new Dictionary<string, string> { ["account_plan"] = "gold" },
        }));
        var order = Order.Start(CheckoutAppFactory.TestCatalog.Find("premium-monthly")!, events.Clock.GetUtcNow(), checkoutSessionId: session.GetProperty("id").GetGuid());
        await using (var scope = events.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        }

        var fromSession = await events.Renewals.SignUpAsync("premium-monthly", order.Id);
        var fromPlanLink = await events.Renewals.SignUpAsync("premium-monthly");
        events.Renewals.AdvanceTo(fromSession.NextChargeAt!.Value);
        await events.Renewals.RunSchedulerAsync();
        await events.Receiver.WaitForAsync(r => r.Count(e => e.Type == MerchantEventTypes.SubscriptionRenewed) >= 2);

        var told = events.Receiver.Delivered.Where(e => e.Data.GetProperty("id").GetGuid() == fromSession.Id).OrderBy(e => e.Timestamp).ToList();
        Assert.Equal([MerchantEventTypes.SubscriptionCreated, MerchantEventTypes.SubscriptionRenewed], told.Select(e => e.Type));
        Assert.All(told, e => Assert.Equal(
            ("account-4711", "gold"),
            (e.Data.GetProperty("client_reference_id").GetString(), e.Data.GetProperty("metadata").GetProperty("account_plan").GetString())));
        var planLink = events.Receiver.Delivered.Where(e => e.Data.GetProperty("id").GetGuid() == fromPlanLink.Id).ToList();
        Assert.Equal(2, planLink.Count);
        Assert.All(planLink, e => Assert.False(e.Data.TryGetProperty("client_reference_id", out _)));
    }
}
