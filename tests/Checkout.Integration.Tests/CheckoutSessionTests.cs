namespace Checkout.Integration.Tests;

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Checkout.Domain.Sessions;
using Checkout.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The app with the merchant API on, for the store's server; it keeps the bodies of the payment requests it sends Klarna.</summary>
public sealed class StoreAppFactory : CheckoutAppFactory
{
    public StoreAppFactory()
        : base(null, 0, StoreServer.Settings(), null, null)
    {
    }

    public ConcurrentQueue<string> KlarnaRequests { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
            services.AddHttpClient(OutboundClients.Klarna).AddHttpMessageHandler(() => new RecordingHandler(KlarnaRequests)));
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> bodies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.Content is not null)
            {
                bodies.Enqueue(await request.Content.ReadAsStringAsync(cancellationToken));
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>
/// The store's server opens a checkout session; its shopper pays through Klarna's journey on the session's page and lands
/// back on the store's pages; the store reads what the session produced.
/// </summary>
public sealed class CheckoutSessionTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task A_new_session_answers_201_with_its_page_status_and_expiry()
    {
        using var store = new StoreServer(app);
        var before = DateTimeOffset.UtcNow;

        var (status, session) = await store.CreateAsync(StoreServer.Session(extra: new Dictionary<string, object?> { ["expires_in"] = 3600 }));

        Assert.Equal(HttpStatusCode.Created, status);
        var id = session.GetProperty("id").GetString()!;
        Assert.Equal(new Uri(app.RootUri, $"checkout?session={id}").AbsoluteUri, session.GetProperty("url").GetString());
        Assert.Equal("open", session.GetProperty("status").GetString());
        var expiresAt = session.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expiresAt, before.AddHours(1).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(1));
    }

    [Fact]
    public async Task The_same_key_and_body_gives_the_same_session_and_another_body_is_409()
    {
        using var store = new StoreServer(app);
        var key = StoreServer.NewKey();

        var (first, session) = await store.CreateAsync(StoreServer.Session(), key);
        var (again, replay) = await store.CreateAsync(StoreServer.Session(), key);
        var (other, problem) = await store.CreateAsync(StoreServer.Session("family-trial"), key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first, again));
        Assert.Equal(session.ToString(), replay.ToString());
        Assert.Equal(HttpStatusCode.Conflict, other);
        Assert.Contains("Idempotency-Key", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_an_idempotency_key_is_400_naming_the_header()
    {
        using var store = new StoreServer(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/checkout-sessions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(StoreServer.Session()),
        };

        var (status, problem) = await store.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    public static TheoryData<string, object?> BadFields() => new()
    {
        { "plan_id", "no-such-plan" },
        { "client_reference_id", "" },
        { "client_reference_id", new string('r', 201) },
        { "locale", "english" },
        // A dollar plan in Germany: Klarna would refuse it, so the session is refused now.
        { "locale", "de-DE" },
        { "metadata", Enumerable.Range(0, 21).ToDictionary(i => $"key{i}", i => "value") },
        { "metadata.order", new string('v', 501) },
        { "metadata." + new string('k', 41), "value" },
        { "expires_in", 60 },
        { "expires_in", 90000 },
        { "customer.email", "not an address" },
        { "customer.country", "usa" },
        { "customer.given_name", new string('g', 101) },
        { "success_url", null },
        { "cancel_url", "not a url" },
        { "successUrl", "https://store.example/misspelt" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_is_400_naming_it(string field, object? value)
    {
        using var store = new StoreServer(app);

        var (status, problem) = await store.CreateAsync(WithField(field, value));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"{field} is not named in {errors}");
    }

    [Theory]
    [InlineData("success_url", "https://evil.example/phish")]
    [InlineData("success_url", "https://store.example.evil.example/phish")]
    [InlineData("cancel_url", "http://store.example/pricing")]
    [InlineData("cancel_url", "javascript:alert(1)")]
    [InlineData("success_url", "//evil.example/phish")]
    [InlineData("success_url", "https://store.example@evil.example/")]
    public async Task A_return_page_off_the_allowed_hosts_or_not_https_is_refused(string field, string url)
    {
        using var store = new StoreServer(app);

        var (status, problem) = await store.CreateAsync(StoreServer.Session(extra: new Dictionary<string, object?> { [field] = url }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Plain_http_on_localhost_is_allowed_in_development_for_a_store_on_a_laptop()
    {
        using var store = new StoreServer(app);

        var (status, _) = await store.CreateAsync(StoreServer.Session(extra: new Dictionary<string, object?>
        {
            ["success_url"] = "http://localhost:5173/subscribed", ["cancel_url"] = "http://localhost:5173/pricing",
        }));

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key-wrong-key-wrong-key")]
    public async Task Without_a_key_or_with_a_wrong_one_every_call_is_401(string? key)
    {
        using var store = new StoreServer(app, key);

        var (create, _) = await store.CreateAsync(StoreServer.Session());
        var (read, _) = await store.ReadAsync(Guid.NewGuid().ToString());
        var (expire, _) = await store.ExpireAsync(Guid.NewGuid().ToString());

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (create, read, expire));
    }

    [Fact]
    public async Task A_session_paid_through_klarnas_journey_lands_on_success_url_and_reads_complete_with_its_subscription()
    {
        using var store = new StoreServer(app);
        var created = await store.CreatedAsync(StoreServer.Session(extra: new Dictionary<string, object?>
        {
            ["customer"] = new { email = "ada@store.example", given_name = "Ada", family_name = "Lovelace", country = "SE" },
            ["metadata"] = new Dictionary<string, string> { ["campaign"] = "winter" },
        }));
        var sessionId = created.GetProperty("id").GetString()!;
        using var shopper = Shopper.Start(app);

        await shopper.OpenSessionAsync(created.GetProperty("url").GetString()!);
        var started = await shopper.InitiateAsync();
        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
        Assert.Equal("Completed", (await shopper.WaitForFinalStatusAsync()).GetProperty("status").GetString());
        var back = await shopper.GetAsync($"checkout/confirmation?checkoutId={shopper.CheckoutId}");

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal($"https://store.example/subscribed?plan=premium-monthly&session_id={sessionId}", back.Headers.Location!.AbsoluteUri);
        await SessionReadsAsync(sessionId, CheckoutSessionStatus.Complete);
        var (_, session) = await store.ReadAsync(sessionId);
        Assert.Equal("complete", session.GetProperty("status").GetString());
        Assert.Equal(shopper.CheckoutId, session.GetProperty("order_id").GetString());
        Assert.Equal(shopper.CheckoutId, session.GetProperty("subscription_id").GetString());
        Assert.Equal("account-4711", session.GetProperty("client_reference_id").GetString());
        Assert.Equal("winter", session.GetProperty("metadata").GetProperty("campaign").GetString());
        var customer = KlarnaCustomerOf(shopper.CheckoutId);
        Assert.Equal(("ada@store.example", "Ada", "Lovelace"), (
            customer.GetProperty("email").GetString(), customer.GetProperty("given_name").GetString(), customer.GetProperty("family_name").GetString()));
    }

    [Fact]
    public async Task A_shopper_who_leaves_klarna_lands_on_cancel_url_and_the_session_page_says_it_was_canceled()
    {
        using var store = new StoreServer(app);
        var created = await store.CreatedAsync(StoreServer.Session("family-trial"));
        using var shopper = Shopper.Start(app);

        await shopper.OpenSessionAsync(created.GetProperty("url").GetString()!);
        var started = await shopper.InitiateAsync();
        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "abort");
        await shopper.WaitForFinalStatusAsync();
        var back = await shopper.GetAsync($"checkout/confirmation?checkoutId={shopper.CheckoutId}");

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("https://store.example/pricing", back.Headers.Location!.AbsoluteUri);
        await SessionReadsAsync(created.GetProperty("id").GetString()!, CheckoutSessionStatus.Canceled);
        var (_, session) = await store.ReadAsync(created.GetProperty("id").GetString()!);
        Assert.Equal("canceled", session.GetProperty("status").GetString());
        var page = await shopper.GetAsync(new Uri(created.GetProperty("url").GetString()!).PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("This checkout was canceled.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_session_says_so_on_its_page_and_starts_no_payment()
    {
        using var store = new StoreServer(app);
        var created = await store.CreatedAsync(StoreServer.Session());
        var sessionId = created.GetProperty("id").GetString()!;
        using var shopper = Shopper.Start(app);
        await shopper.OpenSessionAsync(created.GetProperty("url").GetString()!);

        var (expired, session) = await store.ExpireAsync(sessionId);
        var click = await shopper.PostPaymentRequestAsync(await shopper.PaymentRequestBodyAsync());
        var page = await shopper.GetAsync($"checkout?session={sessionId}");

        Assert.Equal((HttpStatusCode.OK, "expired"), (expired, session.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, click.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("This checkout link has expired.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("expired", (await store.ReadAsync(sessionId)).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_session_in_swedish_is_shown_in_swedish_to_an_english_browser_and_Klarna_is_asked_for_sv_SE()
    {
        using var store = new StoreServer(app);
        var created = await store.CreatedAsync(StoreServer.Session("premium-monthly-sek", new Dictionary<string, object?> { ["locale"] = "sv-SE" }));
        using var http = app.CreateBrowserLikeClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        using var shopper = new Shopper(app, http);

        await shopper.OpenSessionAsync(created.GetProperty("url").GetString()!);

        var page = WebUtility.HtmlDecode(shopper.PageHtml).Replace('\u00A0', ' ');
        Assert.Contains("<html lang=\"sv-SE\">", page, StringComparison.Ordinal);
        Assert.Contains("Ordersammanfattning", page, StringComparison.Ordinal);
        Assert.Contains("119,00 kr", page, StringComparison.Ordinal);
        Assert.Equal("sv-SE", shopper.Data("locale"));
    }

    [Fact]
    public async Task An_expired_german_session_says_so_in_german()
    {
        using var store = new StoreServer(app);
        var created = await store.CreatedAsync(StoreServer.Session("premium-monthly-eur", new Dictionary<string, object?> { ["locale"] = "de-AT" }));
        var sessionId = created.GetProperty("id").GetString()!;
        await store.ExpireAsync(sessionId);
        using var shopper = Shopper.Start(app);

        var page = await shopper.GetAsync($"checkout?session={sessionId}");

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var text = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"de-DE\">", text, StringComparison.Ordinal);
        Assert.Contains("Dieser Link zum Bezahlen ist abgelaufen. Es wurde nichts berechnet", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_session_cannot_be_expired()
    {
        using var store = new StoreServer(app);
        var created = await store.CreatedAsync(StoreServer.Session("family-trial"));
        using var shopper = Shopper.Start(app);
        await shopper.OpenSessionAsync(created.GetProperty("url").GetString()!);
        var started = await shopper.InitiateAsync();
        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
        await SessionReadsAsync(created.GetProperty("id").GetString()!, CheckoutSessionStatus.Complete);

        var (status, _) = await store.ExpireAsync(created.GetProperty("id").GetString()!);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("complete", (await store.ReadAsync(created.GetProperty("id").GetString()!)).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_rides_session_gives_the_customer_id_the_store_charges_rides_with()
    {
        using var store = new StoreServer(app);
        var created = await store.CreatedAsync(StoreServer.Session("rides-on-demand"));
        using var shopper = Shopper.Start(app);
        await shopper.OpenSessionAsync(created.GetProperty("url").GetString()!);
        var started = await shopper.InitiateAsync();
        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
        await SessionReadsAsync(created.GetProperty("id").GetString()!, CheckoutSessionStatus.Complete);

        var (_, session) = await store.ReadAsync(created.GetProperty("id").GetString()!);
        using var merchant = new RidesMerchant(app, StoreServer.ApiKey);
        var (charged, ride) = await merchant.ChargeAsync(RidesMerchant.Ride(session.GetProperty("rides_customer_id").GetGuid(), 1500), StoreServer.NewKey());

        Assert.Equal(HttpStatusCode.Created, charged);
        Assert.Equal("approved", ride.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_session_page_is_404()
    {
        using var shopper = Shopper.Start(app);

        var page = await shopper.GetAsync($"checkout?session={Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    /// <summary>The session follows its order a moment after the order is final: wait for it as the store would, for the event.</summary>
    private Task SessionReadsAsync(string sessionId, CheckoutSessionStatus status)
    {
        var id = Guid.Parse(sessionId);
        return app.WaitForAsync(db => db.CheckoutSessions.AnyAsync(s => s.Id == id && s.Status == status));
    }

    private JsonElement KlarnaCustomerOf(string checkoutId)
    {
        var reference = Guid.Parse(checkoutId).ToString("N");
        var body = app.KlarnaRequests
            .Select(text => JsonDocument.Parse(text).RootElement)
            .First(b => b.TryGetProperty("payment_request_reference", out var r) && r.GetString() == reference);
        return body.GetProperty("supplementary_purchase_data").GetProperty("customer");
    }

    private static Dictionary<string, object?> WithField(string field, object? value)
    {
        var body = StoreServer.Session();
        if (field.StartsWith("customer.", StringComparison.Ordinal))
        {
            body["customer"] = new Dictionary<string, object?> { [field["customer.".Length..]] = value };
        }
        else if (field.StartsWith("metadata.", StringComparison.Ordinal))
        {
            body["metadata"] = new Dictionary<string, object?> { [field["metadata.".Length..]] = value };
        }
        else
        {
            body[field] = value;
        }
        return body;
    }
}

/// <summary>Without <c>Merchant:ApiKeys</c> the whole merchant API does not exist.</summary>
public sealed class MerchantApiOffTests(CheckoutAppFactory app) : IClassFixture<CheckoutAppFactory>
{
    [Fact]
    public async Task Without_configured_keys_every_api_v1_call_is_404()
    {
        using var store = new StoreServer(app);

        var (create, _) = await store.CreateAsync(StoreServer.Session());
        var (read, _) = await store.ReadAsync(Guid.NewGuid().ToString());

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (create, read));
    }
}
