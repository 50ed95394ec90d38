namespace Checkout.Integration.Tests;

using System.Net;
using Checkout.Domain.Sessions;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>An open session past its time is expired by the sweeper, told to the store once, and its page says so.</summary>
public sealed class SessionExpirySweeperTests
{
    [Fact]
    public async Task An_open_session_past_its_expiry_is_expired_and_told_to_the_store_once_and_its_page_says_it_expired()
    {
        await using var events = await MerchantEventsHarness.StartAsync(StoreServer.Settings());
        using var store = new StoreServer(events.App);
        var shortLived = (await store.CreatedAsync(StoreServer.Session(extra: new Dictionary<string, object?>
        {
            ["expires_in"] = 1800,
            ["metadata"] = new Dictionary<string, string> { ["cart"] = "c-17" },
        }))).GetProperty("id").GetGuid();
        var longLived = (await store.CreatedAsync(StoreServer.Session())).GetProperty("id").GetGuid();
        var sweeper = events.App.Services.GetRequiredService<SessionExpirySweeper>();

        Assert.Equal(0, await sweeper.RunOnceAsync(CancellationToken.None));
        events.Clock.Advance(TimeSpan.FromMinutes(31));
        var passes = new[] { await sweeper.RunOnceAsync(CancellationToken.None), await sweeper.RunOnceAsync(CancellationToken.None) };
        await events.Receiver.WaitForAsync(r => r.Any(e => e.Type == MerchantEventTypes.CheckoutSessionExpired));

        Assert.Equal([1, 0], passes);
        Assert.Equal(CheckoutSessionStatus.Expired, await StatusAsync(events, shortLived));
        Assert.Equal(CheckoutSessionStatus.Open, await StatusAsync(events, longLived));
        var told = Assert.Single(events.Receiver.Delivered, e => e.Type == MerchantEventTypes.CheckoutSessionExpired);
        Assert.Equal(shortLived, told.Data.GetProperty("id").GetGuid());
        Assert.Equal(("account-4711", "c-17"), (told.Data.GetProperty("client_reference_id").GetString(), told.Data.GetProperty("metadata").GetProperty("cart").GetString()));
        Assert.Equal(1, await StoredAsync(events, MerchantEventTypes.CheckoutSessionExpired));
        using var shopper = Shopper.Start(events.App);
        var page = await shopper.GetAsync($"checkout?session={shortLived}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("This checkout link has expired.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (expireAgain, _) = await store.ExpireAsync(shortLived.ToString());
        Assert.Equal(HttpStatusCode.OK, expireAgain);
        Assert.Equal(1, await StoredAsync(events, MerchantEventTypes.CheckoutSessionExpired));
    }

    private static async Task<CheckoutSessionStatus> StatusAsync(MerchantEventsHarness events, Guid sessionId)
    {
        await using var scope = events.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().CheckoutSessions.Where(s => s.Id == sessionId).Select(s => s.Status).SingleAsync();
    }

    private static async Task<int> StoredAsync(MerchantEventsHarness events, string type)
    {
        await using var scope = events.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().OutboxEvents.CountAsync(e => e.Type == type);
    }
}
