namespace Checkout.Integration.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Checkout.Web.Events;

/// <summary>
/// Rides charged through the merchant API are told to the store as signed events, and a store that missed them
/// catches up with <c>GET /api/v1/events</c>.
/// </summary>
public sealed class RideEventsTests
{
    private const string MerchantKey = "merchant-events-test-key-0123456789abcdef";

    [Fact]
    public async Task A_charged_and_a_declined_ride_reach_the_store_and_the_events_list_pages_them_oldest_first()
    {
        await using var receiver = await EventReceiver.StartAsync();
        var settings = receiver.Settings();
        settings[RidesMerchant.ApiKeySetting] = RidesMerchant.ApiKey;
        settings["Merchant:ApiKeys:1"] = MerchantKey;
        using var app = CheckoutAppFactory.With(null, 0, settings, null);
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);

        var (_, charged) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), Guid.NewGuid().ToString());
        var (_, declined) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1513, "ride-declined"), Guid.NewGuid().ToString());
        await receiver.WaitForAsync(r => r.Count(e => e.Type.StartsWith("ride.", StringComparison.Ordinal)) >= 2);

        var rides = receiver.Delivered.Where(e => e.Type.StartsWith("ride.", StringComparison.Ordinal)).OrderBy(e => e.Timestamp).ToList();
        Assert.Equal([MerchantEventTypes.RideCharged, MerchantEventTypes.RideDeclined], rides.Select(e => e.Type));
        Assert.Equal(charged.GetProperty("chargeId").GetGuid(), rides[0].Data.GetProperty("id").GetGuid());
        Assert.Equal((1500, "USD", "approved"), (rides[0].Data.GetProperty("amount").GetInt64(), rides[0].Data.GetProperty("currency").GetString(), rides[0].Data.GetProperty("status").GetString()));
        Assert.Equal(declined.GetProperty("chargeId").GetGuid(), rides[1].Data.GetProperty("id").GetGuid());
        Assert.Equal("declined", rides[1].Data.GetProperty("status").GetString());
        Assert.All(receiver.Received, e => Assert.DoesNotContain("token\"", e.Body, StringComparison.OrdinalIgnoreCase));
        Assert.All(receiver.Received, e => Assert.DoesNotContain("krn:", e.Body, StringComparison.OrdinalIgnoreCase));

        using var store = new HttpClient { BaseAddress = app.RootUri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await store.GetAsync("api/v1/events")).StatusCode);
        store.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MerchantKey);
        var first = await PageAsync(store, "api/v1/events?type=ride.charged&limit=1");
        Assert.Equal(rides[0].WebhookId, Assert.Single(first.Data).GetProperty("id").GetString());
        var all = await PageAsync(store, "api/v1/events?limit=100");
        Assert.False(all.HasMore);
        Assert.Equal(receiver.Delivered.Select(e => e.WebhookId), all.Data.Select(e => e.GetProperty("id").GetString()));
        var rest = await PageAsync(store, $"api/v1/events?after={rides[0].WebhookId}");
        Assert.Equal(rides[1].WebhookId, Assert.Single(rest.Data).GetProperty("id").GetString());
        Assert.Equal(JsonSerializer.Serialize(rides[1].Json), JsonSerializer.Serialize(rest.Data[0]));
        var unknown = await store.GetAsync("api/v1/events?after=evt_nothing");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("after", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<(List<JsonElement> Data, bool HasMore)> PageAsync(HttpClient store, string path)
    {
        var response = await store.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return ([.. page.GetProperty("data").EnumerateArray().Select(e => e.Clone())], page.GetProperty("has_more").GetBoolean());
    }
}
