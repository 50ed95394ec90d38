namespace Checkout.Integration.Tests;

using System.Net;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// The operator's view: off without a key, closed without the right one, and with it the subscriptions, their attempts
/// and the webhook events; retrying a past-due charge now charges it once, under the next attempt's key.
/// </summary>
public sealed class OperatorViewTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TokenChargeLedger _ledger = new();
    private readonly RenewalsHarness _renewals;
    private readonly OperatorClient _operator;

    public OperatorViewTests()
    {
        _renewals = new RenewalsHarness(_clock, _ledger, settings: new Dictionary<string, string?> { ["Admin:Key"] = OperatorClient.Key });
        _operator = new OperatorClient(_renewals.App);
    }

    [Fact]
    public async Task Without_a_key_every_admin_url_is_not_found()
    {
        using var app = new CheckoutAppFactory();
        using var client = app.CreateBrowserLikeClient();
        foreach (var path in new[] { "/admin", "/admin/login", "/admin/webhooks", $"/admin/subscriptions/{Guid.NewGuid():N}" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using var post = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "x" }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_gets_the_sign_in_page_again_and_no_access()
    {
        using var refused = await _operator.SignInAsync("not-the-operator-key-at-all");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("That is not the admin key.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(refused.Headers.Contains("Set-Cookie") && refused.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("checkout-operator", StringComparison.Ordinal)));
        using var list = await _operator.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.StartsWith("/admin/login", list.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_right_key_sets_a_strict_http_only_cookie_and_shows_subscriptions_attempts_and_webhook_events()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");

        using var signedIn = await _operator.SignInAsync();

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin", signedIn.Headers.Location!.OriginalString);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("checkout-operator=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var list = await _operator.PageAsync("/admin");
        Assert.Contains($"/admin/subscriptions/{subscription.Id:N}", list, StringComparison.Ordinal);
        Assert.Contains("premium-monthly", list, StringComparison.Ordinal);
        Assert.Contains("<td data-status=\"Active\">1</td>", list, StringComparison.Ordinal);

        var one = await _operator.PageAsync($"/admin/subscriptions/{subscription.Id:N}");
        Assert.Contains("<dd data-field=\"status\">Active</dd>", one, StringComparison.Ordinal);
        Assert.DoesNotContain("krn:test:customer-token", one, StringComparison.Ordinal);
        Assert.DoesNotContain("Retry the charge now", one, StringComparison.Ordinal);

        Assert.Contains("Webhook events", await _operator.PageAsync("/admin/webhooks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_wrong_keys_count_towards_the_lock_out_which_is_logged_and_the_key_never_is()
    {
        var logs = new CapturedLogs();
        using var app = CheckoutAppFactory.With(
            null,
            0,
            new Dictionary<string, string?> { ["Admin:Key"] = OperatorClient.Key, ["Admin:LoginAttemptsPerMinute"] = "2" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        using var client = new OperatorClient(app);

        using var firstWrong = await client.SignInAsync("wrong-key-number-one-0123456789");
        using var right = await client.SignInAsync(OperatorClient.Key);
        using var rightAgain = await client.SignInAsync(OperatorClient.Key);
        using var secondWrong = await client.SignInAsync("wrong-key-number-two-0123456789");
        using var lockedOut = await client.SignInAsync(OperatorClient.Key);

        Assert.Equal(HttpStatusCode.OK, firstWrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, rightAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondWrong.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedOut.StatusCode);
        Assert.NotNull(lockedOut.Headers.RetryAfter);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Operator sign-in refused", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("2 wrong keys from", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Operator sign-in locked for", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("wrong-key-number-", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(OperatorClient.Key, StringComparison.Ordinal));
        using var page = await client.Http.GetAsync("/admin");
        Assert.True(page.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Every_operator_page_and_action_without_the_cookie_is_sent_to_sign_in()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        using var anonymous = _renewals.App.CreateBrowserLikeClient();

        foreach (var path in new[] { "/admin", "/admin/webhooks", $"/admin/subscriptions/{subscription.Id:N}" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/admin/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }
        using var retry = await anonymous.PostAsync($"/admin/subscriptions/{subscription.Id:N}?handler=RetryNow", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.OK, retry.StatusCode);
        Assert.Empty(_ledger.Calls);
        using var signIn = await anonymous.GetAsync("/admin/login");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Signing_out_revokes_the_cookie_even_where_it_was_copied()
    {
        using var signedIn = await _operator.SignInAsync();
        var copied = OperatorCookie(signedIn);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(_renewals.App, copied));

        using var signedOut = await _operator.PostFormAsync("/admin", "/admin/logout");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(_renewals.App, copied));
    }

    [Fact]
    public async Task A_session_past_its_absolute_lifetime_is_refused_however_recently_used()
    {
        using var signedIn = await _operator.SignInAsync();
        var copied = OperatorCookie(signedIn);
        await using (var scope = _renewals.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            var session = await db.OperatorSessions.SingleAsync();
            Assert.Equal(TimeSpan.FromHours(8), session.ExpiresAt - session.IssuedAt);
            session.ExpiresAt = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1);
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(_renewals.App, copied));
    }

    [Fact]
    public async Task A_new_admin_key_refuses_cookies_signed_in_under_the_old_one()
    {
        using var before = await _operator.SignInAsync();
        var copied = OperatorCookie(before);
        using var afterRotation = CheckoutAppFactory.With(
            _renewals.App.DatabasePath, 0, new Dictionary<string, string?> { ["Admin:Key"] = "the-rotated-operator-key-9876543210" }, null);
        afterRotation.EnsureStarted();

        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(_renewals.App, copied));
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(afterRotation, copied));
    }

    private static string OperatorCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("checkout-operator=", StringComparison.Ordinal)).Split(';')[0];

    /// <summary>Opens <c>/admin</c> from another browser that only has <paramref name="cookie"/>.</summary>
    private static async Task<HttpStatusCode> WithCookieAsync(CheckoutAppFactory app, string cookie)
    {
        app.EnsureStarted();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.RootUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Retry_now_on_a_past_due_subscription_charges_once_under_the_next_attempts_key()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        var key = RenewalCharge.KeyFor(subscription.Id, 2);
        _renewals.Charger.Behaviour = _ => TokenChargeBehaviour.Decline;
        _renewals.AdvanceTo(subscription.NextChargeAt!.Value + TimeSpan.FromSeconds(1));
        await _renewals.RunSchedulerAsync();
        var pastDue = await _renewals.FindAsync(subscription.Id);
        Assert.Equal(SubscriptionStatus.PastDue, pastDue.Status);
        Assert.True(pastDue.NextChargeAt > _clock.GetUtcNow());
        _renewals.Charger.Behaviour = _ => TokenChargeBehaviour.Approve;
        using var signedIn = await _operator.SignInAsync();
        var page = $"/admin/subscriptions/{subscription.Id:N}";

        using var retried = await _operator.PostFormAsync(page, "?handler=RetryNow");

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.EndsWith("retry=Scheduled", retried.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // The woken scheduler and a pass of our own race for it; one of them charges.
        await _renewals.RunSchedulerAsync();
        await _renewals.App.WaitForAsync(async db =>
            (await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == subscription.Id)).Status == SubscriptionStatus.Active);
        await _renewals.RunSchedulerAsync();

        Assert.Equal([key + "-attempt-1", key + "-attempt-2"], _ledger.KeysFor(key));
        Assert.Equal(1, _ledger.CallsWith(key + "-attempt-2"));
        var renewed = await _renewals.FindAsync(subscription.Id);
        Assert.Equal((SubscriptionStatus.Active, 2), (renewed.Status, renewed.CurrentPeriodNumber));
        Assert.Equal(subscription.Period(3).Start, renewed.NextChargeAt);
        Assert.Contains("<td>Approved</td>", await _operator.PageAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_now_is_refused_on_a_subscription_that_is_not_past_due()
    {
        var subscription = await _renewals.SignUpAsync("premium-monthly");
        using var signedIn = await _operator.SignInAsync();
        var html = await _operator.PageAsync($"/admin/subscriptions/{subscription.Id:N}");

        using var response = await _operator.Http.PostAsync(
            $"/admin/subscriptions/{subscription.Id:N}?handler=RetryNow",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = OperatorClient.TokenIn(html) }));

        Assert.EndsWith("retry=NotPastDue", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty(_ledger.Calls);
        Assert.Equal(subscription.NextChargeAt, (await _renewals.FindAsync(subscription.Id)).NextChargeAt);
    }

    public void Dispose()
    {
        _operator.Dispose();
        _renewals.Dispose();
    }
}
