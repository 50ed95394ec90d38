namespace Checkout.Integration.Tests;

using System.Net;
using System.Text.Json;
using Checkout.Web.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

/// <summary>The app with the merchant API on, a fake clock, and subscriptions signed up directly.</summary>
public sealed class PortalLinksApp : IDisposable
{
    public RenewalsHarness Renewals { get; } = new(new FakeTimeProvider(DateTimeOffset.UtcNow), new TokenChargeLedger(), settings: StoreServer.Settings());

    public void Dispose() => Renewals.Dispose();
}

/// <summary>
/// The store's server asks for a short-lived link to its customer's subscription page, once per Idempotency-Key, and
/// sends the shopper there; the link works for minutes and the page says how to get a new one after.
/// </summary>
public sealed class PortalLinkTests(PortalLinksApp app) : IClassFixture<PortalLinksApp>
{
    [Fact]
    public async Task A_portal_link_opens_the_shoppers_page_for_minutes_and_the_same_key_gives_the_same_link()
    {
        var subscription = await app.Renewals.SignUpAsync("premium-monthly");
        using var store = new StoreServer(app.Renewals.App);
        var key = StoreServer.NewKey();

        var (status, link) = await CreateAsync(store, subscription.Id, key);
        var (again, replay) = await CreateAsync(store, subscription.Id, key);
        using var shopper = Shopper.Start(app.Renewals.App);
        var page = await shopper.GetAsync(new Uri(link.GetProperty("url").GetString()!).PathAndQuery.TrimStart('/'));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status, again));
        Assert.Equal(link.ToString(), replay.ToString());
        Assert.Equal(subscription.Id, link.GetProperty("subscription_id").GetGuid());
        Assert.StartsWith(new Uri(app.Renewals.App.RootUri, "subscription/").AbsoluteUri, link.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(app.Renewals.Clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(), link.GetProperty("expires_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Premium, monthly", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        app.Renewals.Clock.Advance(TimeSpan.FromMinutes(6));
        var later = await shopper.GetAsync(new Uri(link.GetProperty("url").GetString()!).PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.Gone, later.StatusCode);
        Assert.Contains("ask the shop to send you a new link", await later.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newer_portal_link_voids_the_one_before_it()
    {
        var subscription = await app.Renewals.SignUpAsync("premium-monthly");
        using var store = new StoreServer(app.Renewals.App);
        using var shopper = Shopper.Start(app.Renewals.App);

        var (_, older) = await CreateAsync(store, subscription.Id, StoreServer.NewKey());
        var (_, newer) = await CreateAsync(store, subscription.Id, StoreServer.NewKey());

        Assert.Equal(HttpStatusCode.Gone, (await shopper.GetAsync(PathOf(older))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync(PathOf(newer))).StatusCode);
    }

    [Fact]
    public async Task Portal_links_asked_for_at_once_are_each_given_and_only_one_of_them_works()
    {
        var subscription = await app.Renewals.SignUpAsync("premium-monthly");
        using var store = new StoreServer(app.Renewals.App);
        using var shopper = Shopper.Start(app.Renewals.App);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CreateAsync(store, subscription.Id, StoreServer.NewKey())));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        var pages = await Task.WhenAll(answers.Select(answer => shopper.GetAsync(PathOf(answer.Body))));
        Assert.Single(pages, page => page.StatusCode == HttpStatusCode.OK);
        Assert.All(pages.Where(page => page.StatusCode != HttpStatusCode.OK), page => Assert.Equal(HttpStatusCode.Gone, page.StatusCode));
    }

    [Fact]
    public async Task A_portal_link_a_day_past_its_expiry_is_forgotten_and_a_retry_of_its_key_gets_a_new_link()
    {
        var subscription = await app.Renewals.SignUpAsync("premium-monthly");
        using var store = new StoreServer(app.Renewals.App);
        var key = StoreServer.NewKey();
        var sweeper = app.Renewals.App.Services.GetRequiredService<PortalLinkSweeper>();
        var (_, first) = await CreateAsync(store, subscription.Id, key);

        app.Renewals.Clock.Advance(PortalLinks.Lifetime + PortalLinkSweeper.KeptAfterExpiry - TimeSpan.FromMinutes(1));
        await sweeper.RunOnceAsync(CancellationToken.None);
        var (_, kept) = await CreateAsync(store, subscription.Id, key);
        app.Renewals.Clock.Advance(TimeSpan.FromMinutes(2));
        await sweeper.RunOnceAsync(CancellationToken.None);
        var (_, renewed) = await CreateAsync(store, subscription.Id, key);

        Assert.Equal(first.ToString(), kept.ToString());
        Assert.NotEqual(first.GetProperty("url").GetString(), renewed.GetProperty("url").GetString());
        Assert.Equal(app.Renewals.Clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(), renewed.GetProperty("expires_at").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task An_unknown_subscription_is_404_a_key_reused_for_another_is_409_and_without_an_idempotency_key_400()
    {
        var subscription = await app.Renewals.SignUpAsync("premium-monthly");
        var other = await app.Renewals.SignUpAsync("premium-monthly");
        using var store = new StoreServer(app.Renewals.App);
        var key = StoreServer.NewKey();

        var (unknown, notFound) = await CreateAsync(store, Guid.NewGuid(), StoreServer.NewKey());
        var (first, _) = await CreateAsync(store, subscription.Id, key);
        var (reused, conflict) = await CreateAsync(store, other.Id, key);
        var (keyless, problem) = await CreateAsync(store, subscription.Id, null);

        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("subscriptionId", notFound.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (first, reused));
        Assert.Contains("Idempotency-Key", conflict.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, keyless);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key-wrong-key-wrong-key")]
    public async Task Without_the_stores_key_a_portal_link_is_401(string? apiKey)
    {
        var subscription = await app.Renewals.SignUpAsync("premium-monthly");
        using var store = new StoreServer(app.Renewals.App, apiKey);

        var (status, _) = await CreateAsync(store, subscription.Id, StoreServer.NewKey());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private static string PathOf(JsonElement link) => new Uri(link.GetProperty("url").GetString()!).PathAndQuery.TrimStart('/');

    private static Task<(HttpStatusCode Status, JsonElement Body)> CreateAsync(StoreServer store, Guid subscriptionId, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/subscriptions/{subscriptionId}/portal-links");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return store.SendAsync(request);
    }
}
