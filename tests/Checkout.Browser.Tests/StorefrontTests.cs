namespace Checkout.Browser.Tests;

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.TestClock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StandardWebhooks;
using Storefront;

/// <summary>
/// The checkout (its own app: these tests move its clock) with the merchant API on and its events going to the sample
/// store, which runs beside it.
/// </summary>
public sealed class StorefrontBrowserFixture : BrowserFixture, IAsyncLifetime
{
    private readonly int _storePort;

    public StorefrontBrowserFixture()
        : this(Ports.Free())
    {
    }

    private StorefrontBrowserFixture(int storePort)
        : base(new Dictionary<string, string>(StoreHost.CheckoutSettings(storePort))
        {
            ["TestClock:Enabled"] = "true",
            // The test's own emulator needs no clock to decline or approve a renewal.
            ["TestClock:EmulatorClockUrl"] = "",
        }, ownApp: true)
    {
        _storePort = storePort;
    }

    public StoreHost Store { get; private set; } = null!;

    // Re-implemented (IAsyncLifetime above): the checkout first, then the store that talks to it.
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Store = new StoreHost(_storePort, Root);
        Store.Start();
    }

    public new async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Moves the checkout's clock forward and runs a renewal pass, as the operator's "Advance" buttons do.</summary>
    public async Task AdvanceClockAsync(Func<TestClockActions, TimeSpan> by)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var clock = scope.ServiceProvider.GetRequiredService<TestClockActions>();
        await clock.AdvanceAsync(by(clock), CancellationToken.None);
    }

    /// <summary>The subscription as the checkout holds it: what the store's page should repeat.</summary>
    public async Task<(DateTimeOffset PeriodEnd, DateTimeOffset? NextChargeAt)> SubscriptionAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == id);
        return (subscription.CurrentPeriodEnd, subscription.NextChargeAt);
    }
}

/// <summary>
/// A store that plugs into the checkout: its shopper clicks "Subscribe", pays in Klarna's journey (the emulator's), comes
/// back to the store, and the store shows what the checkout's signed events told it.
/// </summary>
public sealed class StorefrontTests(StorefrontBrowserFixture browser) : IClassFixture<StorefrontBrowserFixture>
{
    [Fact]
    public async Task A_shopper_who_subscribes_from_the_store_comes_back_to_it_and_sees_the_subscription_active_from_the_checkouts_event()
    {
        var page = await SubscribeFromTheStoreAsync(KlarnaJourney.ApprovedEmail);

        var status = page.Locator("#status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "active");
        var subscription = await browser.SubscriptionAsync(Guid.Parse((await status.GetAttributeAsync("data-subscription"))!));
        await Assertions.Expect(status).ToHaveTextAsync($"Subscribed until {Date(subscription.PeriodEnd)}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task When_the_checkouts_clock_passes_the_renewal_the_store_learns_that_it_failed_and_then_that_the_retry_renewed_it()
    {
        var page = await SubscribeFromTheStoreAsync("customer+us+decline-first-renewal@klarna.com");
        var status = page.Locator("#status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "active");
        var subscriptionId = Guid.Parse((await status.GetAttributeAsync("data-subscription"))!);
        var signedUp = await browser.SubscriptionAsync(subscriptionId);

        // A month later the emulator declines the first renewal: the checkout retries a day later.
        await browser.AdvanceClockAsync(clock => clock.OneMonth());
        await KlarnaJourney.ReloadUntilAsync(page, "the store to hear of the failed renewal", async () => await status.GetAttributeAsync("data-status") == "past_due");
        var pastDue = await browser.SubscriptionAsync(subscriptionId);
        await Assertions.Expect(status).ToHaveTextAsync($"Payment failed. We will try again on {Date(pastDue.NextChargeAt!.Value)}.");

        await browser.AdvanceClockAsync(_ => TimeSpan.FromDays(2));
        await KlarnaJourney.ReloadUntilAsync(page, "the store to hear of the renewal", async () => await status.GetAttributeAsync("data-status") == "active");
        var renewed = await browser.SubscriptionAsync(subscriptionId);
        Assert.True(renewed.PeriodEnd > signedUp.PeriodEnd, "The renewal starts the next period.");
        await Assertions.Expect(status).ToHaveTextAsync($"Subscribed until {Date(renewed.PeriodEnd)}");
    }

    [Fact]
    public async Task The_store_acts_on_an_event_only_when_it_is_signed_with_the_checkouts_secret()
    {
        var subscriptionId = Guid.NewGuid();
        var body = $$$"""{"id":"evt_{{{subscriptionId:N}}}","type":"subscription.canceled","timestamp":"2026-12-06T20:15:03+00:00","data":{"object":"subscription","id":"{{{subscriptionId}}}","status":"canceled","current_period_end":"2027-01-06T20:15:03+00:00","cancellation_reason":"canceled_by_shopper"}}""";
        using var http = new HttpClient { BaseAddress = browser.Store.Root };
        var ledger = browser.Store.Services.GetRequiredService<SubscriptionLedger>();

        using var forged = await http.SendAsync(Signed(body, "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(ledger.Facts(subscriptionId));

        using var signed = await http.SendAsync(Signed(body, StoreHost.EventsSecret));
        Assert.Equal(HttpStatusCode.NoContent, signed.StatusCode);
        Assert.Equal("canceled", ledger.Facts(subscriptionId)?.Status);
    }

    /// <summary>An event POST as the checkout signs it (Standard Webhooks), with <paramref name="secret"/>.</summary>
    private static HttpRequestMessage Signed(string body, string secret)
    {
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        var request = new HttpRequestMessage(HttpMethod.Post, "checkout-events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(secret).Sign(id, now, body));
        return request;
    }

    /// <summary>From the store's page through the checkout session and Klarna's pop-up, back to the store.</summary>
    private async Task<IPage> SubscribeFromTheStoreAsync(string email)
    {
        var page = await browser.NewPageAsync(browser.Store.Root);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();

        await page.WaitForURLAsync(url => url.StartsWith(browser.Root.ToString(), StringComparison.Ordinal) && url.Contains("session=", StringComparison.Ordinal));
        await page.Locator("#checkout[data-ready='true']").WaitForAsync();
        await KlarnaJourney.CompleteAsync(await KlarnaJourney.OpenPopupJourneyAsync(page), email);

        // The checkout sends the shopper back to the store's success_url, which shows the store's own page.
        await page.WaitForURLAsync(url => url.TrimEnd('/') == browser.Store.Root.ToString().TrimEnd('/'));
        return page;
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}
