namespace Checkout.Integration.Tests;

using System.Net;
using System.Text.RegularExpressions;
using Checkout.Acquiring;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// The shopper's page: reached by the signed link on the confirmation page after a real sign-up, it shows the plan,
/// status, next charge and past charges, and cancels at period end, after which nothing more is charged.
/// </summary>
public sealed partial class ShopperPageTests : IDisposable
{
    private const string PlanId = "premium-monthly";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TokenChargeLedger _ledger = new();
    private readonly RecordingTokenCharger _charger;
    private readonly CheckoutAppFactory _app;
    private readonly HttpClient _browser;

    public ShopperPageTests()
    {
        _charger = new RecordingTokenCharger(_ledger);
        _app = CheckoutAppFactory.With(
            null,
            0,
            // Links outlive the months these tests move the clock through, but for the test of their expiry.
            new Dictionary<string, string?> { ["Renewals:PollInterval"] = "01:00:00", ["ShopperLinks:Lifetime"] = "365.00:00:00" },
            services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(_clock);
                services.AddSingleton<ITokenCharger>(_charger);
            });
        _browser = _app.CreateBrowserLikeClient();
    }

    [Fact]
    public async Task The_confirmation_page_links_to_a_page_with_plan_status_and_next_charge()
    {
        var (id, link) = await SignUpAsync();

        var page = await PageAsync(link);
        var subscription = await FindAsync(id);
        var plan = CheckoutAppFactory.TestCatalog.Find(PlanId)!;
        Assert.Contains(plan.Name, page, StringComparison.Ordinal);
        Assert.Matches(@"id=""status"">Active<", page);
        Assert.Contains($"{plan.Price.Display()} on {ShopperWords.Date(subscription.NextChargeAt!.Value)}", page, StringComparison.Ordinal);
        Assert.Contains(ShopperWords.Period(subscription.CurrentPeriod), page, StringComparison.Ordinal);
        Assert.Contains(ShopperCharge.FirstCharge, page, StringComparison.Ordinal);
        Assert.DoesNotContain("krn:", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tampered_or_unknown_link_is_not_found()
    {
        _app.EnsureStarted();
        string unknown;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var link = await scope.ServiceProvider.GetRequiredService<ShopperLinks>().IssueAsync(Guid.NewGuid(), null, CancellationToken.None);
            unknown = link.Path["/subscription/".Length..];
        }
        var tampered = unknown[..^2] + (unknown[^2] == 'A' ? "B" : "A") + unknown[^1];

        foreach (var token in new[] { unknown, tampered, "not-a-token", Guid.NewGuid().ToString("N") })
        {
            var response = await _browser.GetAsync($"subscription/{token}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var cancel = await _browser.PostAsync($"subscription/{token}/cancel", new FormUrlEncodedContent([]));
            Assert.NotEqual(HttpStatusCode.Redirect, cancel.StatusCode);
        }
    }

    [Fact]
    public async Task After_a_renewal_the_page_lists_the_charge()
    {
        var (id, link) = await SignUpAsync();
        var signedUp = await FindAsync(id);

        _clock.SetUtcNow(signedUp.NextChargeAt!.Value + TimeSpan.FromSeconds(1));
        await RunSchedulerAsync();

        var renewed = await FindAsync(id);
        Assert.Equal((SubscriptionStatus.Active, 2), (renewed.Status, renewed.CurrentPeriodNumber));
        var page = await PageAsync(link);
        var rows = ChargeRow().Matches(page).Select(m => m.Value).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(ShopperWords.Period(renewed.Period(2)), rows[1], StringComparison.Ordinal);
        Assert.Contains("Approved", rows[1], StringComparison.Ordinal);
        Assert.Contains($"{renewed.Price.Display()} on {ShopperWords.Date(renewed.NextChargeAt!.Value)}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_stops_the_charges_after_the_period_and_nothing_else()
    {
        var (id, link) = await SignUpAsync();
        var signedUp = await FindAsync(id);
        var before = await PageAsync(link);

        var first = await CancelAsync(link, before);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var page = await PageAsync(first.Headers.Location!.OriginalString);
        Assert.Contains($"cancels on {ShopperWords.Date(signedUp.CurrentPeriodEnd)}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"next-charge\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cancel\"", page, StringComparison.Ordinal);
        // Twice is harmless: the same state, and the link still works.
        Assert.Equal(HttpStatusCode.Redirect, (await CancelAsync(link, before)).StatusCode);
        var canceling = await FindAsync(id);
        Assert.Equal((SubscriptionStatus.Active, true, null), (canceling.Status, canceling.CancelAtPeriodEnd, canceling.NextChargeAt));

        _clock.SetUtcNow(signedUp.CurrentPeriodEnd + TimeSpan.FromSeconds(1));
        await RunSchedulerAsync();
        _clock.Advance(TimeSpan.FromDays(40));
        await RunSchedulerAsync();

        var ended = await FindAsync(id);
        Assert.Equal(SubscriptionStatus.Canceled, ended.Status);
        Assert.Empty(ended.Attempts);
        Assert.Empty(_ledger.Calls);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Checkout.Web.Infrastructure.Persistence.CheckoutDbContext>();
            Assert.True(await db.CustomerTokens.AnyAsync(t => t.OrderId == id), "The customer token stays stored.");
        }
        var after = await PageAsync(link);
        Assert.Matches(@"id=""status"">Canceled<", after);
        Assert.Contains($"ended on {ShopperWords.Date(signedUp.CurrentPeriodEnd)}", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await CancelAsync(link, before)).StatusCode);
        Assert.Equal(SubscriptionStatus.Canceled, (await FindAsync(id)).Status);
    }

    [Fact]
    public async Task A_cancel_without_the_antiforgery_token_is_refused()
    {
        var (id, link) = await SignUpAsync();
        await PageAsync(link);

        var response = await _browser.PostAsync(link + "/cancel", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await FindAsync(id)).CancelAtPeriodEnd);
    }

    [Fact]
    public async Task The_confirmation_page_shows_the_link_only_to_the_browser_that_paid_and_neither_page_is_kept()
    {
        var (id, link) = await SignUpAsync();

        using var elsewhere = await _browser.GetAsync($"checkout/confirmation?checkoutId={id}");
        var page = await elsewhere.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.DoesNotContain("/subscription/", page, StringComparison.Ordinal);
        Assert.Contains("id=\"manage-subscription-elsewhere\"", page, StringComparison.Ordinal);
        Assert.True(elsewhere.Headers.CacheControl?.NoStore);
        using var subscriptionPage = await _browser.GetAsync(link.TrimStart('/'));
        Assert.True(subscriptionPage.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task An_expired_link_says_how_to_get_a_new_one_and_cancels_nothing()
    {
        var (id, link) = await SignUpAsync();
        var page = await PageAsync(link);

        _clock.Advance(TimeSpan.FromDays(366));
        using var expired = await _browser.GetAsync(link.TrimStart('/'));
        using var cancel = await CancelAsync(link, page);

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("To get a new link", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.False((await FindAsync(id)).CancelAtPeriodEnd);
    }

    [Fact]
    public async Task A_link_replaced_by_a_newer_one_stops_working_and_the_newer_one_works()
    {
        var (id, link) = await SignUpAsync();

        string fresh;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            fresh = (await scope.ServiceProvider.GetRequiredService<ShopperLinks>().IssueReplacingAsync(id, TimeSpan.FromHours(1), CancellationToken.None)).Path;
        }

        using var revoked = await _browser.GetAsync(link.TrimStart('/'));
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        Assert.Contains("To get a new link", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Matches(@"id=""status"">Active<", await PageAsync(fresh));
    }

    [Fact]
    public async Task A_declined_renewal_is_told_in_shopper_words_not_the_acquirers_code()
    {
        var (id, link) = await SignUpAsync();
        _charger.Behaviour = _ => TokenChargeBehaviour.Decline;

        _clock.SetUtcNow((await FindAsync(id)).NextChargeAt!.Value + TimeSpan.FromSeconds(1));
        await RunSchedulerAsync();

        var page = await PageAsync(link);
        Assert.Contains(ShopperWords.Explanation(RenewalResult.Declined), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Declined by the test acquirer", page, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _browser.Dispose();
        _app.Dispose();
    }

    /// <summary>A real sign-up through the emulator; returns the subscription's id and the link its confirmation page carries.</summary>
    private async Task<(Guid Id, string Link)> SignUpAsync()
    {
        using var shopper = Shopper.Start(_app);
        await shopper.OpenCheckoutAsync(PlanId);
        var started = await shopper.InitiateAsync();
        var paymentRequestId = started.TryGetProperty("paymentRequestId", out var prid) && prid.ValueKind == System.Text.Json.JsonValueKind.String
            ? prid.GetString()!
            : "krn:payment:eu1:request:" + new Uri(started.GetProperty("paymentRequestUrl").GetString()!).Segments[^1];
        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
        Assert.Equal("Completed", (await shopper.WaitForFinalStatusAsync()).GetProperty("status").GetString());
        var id = Guid.Parse(shopper.CheckoutId);
        await _app.WaitForAsync(db => db.Subscriptions.AnyAsync(s => s.Id == id));

        var confirmation = await shopper.ConfirmationPageAsync();
        var link = ManageLink().Match(confirmation);
        Assert.True(link.Success, "The confirmation page has no 'Manage your subscription' link.");
        Assert.Contains("Manage your subscription", confirmation, StringComparison.Ordinal);
        return (id, WebUtility.HtmlDecode(link.Groups[1].Value));
    }

    private async Task<string> PageAsync(string link)
    {
        var response = await _browser.GetAsync(link.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Presses the page's cancel button: its form's action and antiforgery token, with the browser's cookie.</summary>
    private async Task<HttpResponseMessage> CancelAsync(string link, string? page = null)
    {
        page ??= await PageAsync(link);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "The page has no antiforgery token.");
        return await _browser.PostAsync(
            link.TrimStart('/') + "/cancel",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token.Groups[1].Value)]));
    }

    private Task<int> RunSchedulerAsync() => _app.Services.GetRequiredService<RenewalScheduler>().RunOnceAsync(CancellationToken.None);

    private async Task<Subscription> FindAsync(Guid id)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SubscriptionStore>().FindAsync(id, CancellationToken.None))!;
    }

    [GeneratedRegex(@"id=""manage-subscription"" href=""([^""]+)""")]
    private static partial Regex ManageLink();

    [GeneratedRegex(@"name=""__RequestVerificationToken"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"<tr class=""charge""[\s\S]*?</tr>")]
    private static partial Regex ChargeRow();
}
