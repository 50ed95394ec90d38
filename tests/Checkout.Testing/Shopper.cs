namespace Checkout.Testing;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>
/// Drives the checkout over HTTP the way the page's JavaScript and the shopper would, and Klarna's side through the app's
/// emulator. <see cref="Through"/> gives the same shopper (cookies and page) talking to another instance of the app, as
/// behind a load balancer without sticky sessions; <see cref="Over"/> one talking to a checkout run elsewhere (the AppHost's).
/// </summary>
public sealed class Shopper : IDisposable
{
    private readonly CheckoutAppFactory? _app;
    private readonly HttpClient _http;
    private readonly Page _page;
    private readonly bool _isView;
    private readonly bool _ownsBrowser;

    /// <summary>A shopper on <paramref name="app"/> whose browser is <paramref name="http"/> (the caller's to dispose).</summary>
    public Shopper(CheckoutAppFactory app, HttpClient http)
        : this(app, http, Page.Of(app.Emulator), isView: false, ownsBrowser: false)
    {
    }

    private Shopper(CheckoutAppFactory app, HttpClient http, Page page, bool isView, bool ownsBrowser)
        : this(Started(app).RootUri, http, page, isView, ownsBrowser) => _app = app;

    private Shopper(Uri root, HttpClient http, Page page, bool isView, bool ownsBrowser)
    {
        Root = root;
        _http = http;
        _page = page;
        _isView = isView;
        _ownsBrowser = ownsBrowser;
    }

    /// <summary>A new shopper with a browser of its own (a cookie jar, no redirects followed) on <paramref name="app"/>.</summary>
    public static Shopper Start(CheckoutAppFactory app) =>
        new(app, app.CreateBrowserLikeClient(), Page.Of(app.Emulator), isView: false, ownsBrowser: true);

    /// <summary>A new shopper with a browser of its own on the checkout at <paramref name="checkout"/>, whose emulator is at <paramref name="emulator"/>.</summary>
    public static Shopper Over(Uri checkout, Uri emulator, EmulatorKeys keys) => new(
        checkout,
        new HttpClient(CheckoutAppFactory.BrowserLikeHandler()) { BaseAddress = checkout },
        new Page(emulator, keys),
        isView: false,
        ownsBrowser: true);

    /// <summary>
    /// The same shopper, with the same cookies and the same page (key, antiforgery token, plan, checkout), talking to
    /// <paramref name="other"/>: what one does, the other sees.
    /// </summary>
    public Shopper Through(CheckoutAppFactory other) => new(other, _http, _page, isView: true, ownsBrowser: false);

    /// <summary>The instance this shopper talks to.</summary>
    public Uri Root { get; }

    /// <summary>The order the shopper's first <see cref="InitiateAsync"/> opened; empty before it.</summary>
    public string CheckoutId => _page.CheckoutId;

    /// <summary>The key the checkout page carries; the order is opened under it when the shopper starts to pay.</summary>
    public string CheckoutKey => _page.CheckoutKey;

    public string PlanId => _page.PlanId;

    public string Csrf => _page.Csrf;

    public string ClientId => _page.ClientId;

    public string PageHtml => _page.Html;

    public Task OpenCheckoutAsync(string planId) => OpenPageAsync(At($"checkout?plan={planId}"));

    /// <summary>Follows a checkout session's <c>url</c>, as the store sends its shopper there.</summary>
    public async Task OpenSessionAsync(string sessionUrl)
    {
        await OpenPageAsync(new Uri(sessionUrl));
        _page.SessionId = Data("session-id");
    }

    /// <summary>The checkout session the page pays for; empty on a plan link.</summary>
    public string SessionId => _page.SessionId;

    private async Task OpenPageAsync(Uri page)
    {
        var response = await _http.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _page.Html = await response.Content.ReadAsStringAsync();
        _page.CheckoutKey = Data("checkout-key");
        _page.PlanId = Data("plan-id");
        _page.Csrf = WebUtility.HtmlDecode(Data("csrf"));
        _page.ClientId = Data("client-id");
    }

    public string Data(string name)
    {
        var match = Regex.Match(PageHtml, $"data-{name}=\"([^\"]*)\"");
        Assert.True(match.Success, $"The checkout page has no data-{name}.");
        return match.Groups[1].Value;
    }

    public async Task<string> SdkSessionTokenAsync()
    {
        var response = await _page.Emulator.PostAsJsonAsync("sandbox/klarna/web-sdk/v2/session", new { clientId = ClientId });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("klarna_network_session_token").GetString()!;
    }

    public async Task<HttpResponseMessage> PostPaymentRequestAsync(object body, bool withCsrf = true, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, At("api/payment-request")) { Content = JsonContent.Create(body) };
        if (withCsrf)
        {
            request.Headers.Add(AntiforgeryHeaderFilter.HeaderName, Csrf);
        }
        // As the page's script does: the call continues the trace of the request that served the page.
        if (Regex.Match(PageHtml, "data-traceparent=\"([^\"]+)\"") is { Success: true } traceparent)
        {
            request.Headers.Add("traceparent", traceparent.Groups[1].Value);
            // In the test's process the app's HttpClient instrumentation would put a trace of the test's in its place.
            using var asTheBrowser = OpenTelemetry.SuppressInstrumentationScope.Begin();
            return await _http.SendAsync(request, cancellationToken);
        }
        return await _http.SendAsync(request, cancellationToken);
    }

    /// <summary>Closes the journey as the page does when the shopper leaves it: <c>POST /api/checkouts/{id}/cancel</c>.</summary>
    public async Task<HttpResponseMessage> CancelAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, At($"api/checkouts/{CheckoutId}/cancel"));
        request.Headers.Add(AntiforgeryHeaderFilter.HeaderName, Csrf);
        return await _http.SendAsync(request, cancellationToken);
    }

    /// <summary>What the page's Klarna button sends to start the payment, with a fresh SDK session token.</summary>
    public async Task<object> PaymentRequestBodyAsync() => SessionId.Length == 0
        ? new
        {
            checkoutKey = CheckoutKey,
            planId = PlanId,
            klarnaNetworkSessionToken = await SdkSessionTokenAsync(),
            paymentOptionId = "S0xBUk5BX0RFRkFVTFQ=",
        }
        : new
        {
            checkoutKey = CheckoutKey,
            planId = PlanId,
            klarnaNetworkSessionToken = await SdkSessionTokenAsync(),
            paymentOptionId = "S0xBUk5BX0RFRkFVTFQ=",
            checkoutSessionId = SessionId,
        };

    /// <summary>Clicks the Klarna button: asks the server for a payment request, as <c>initiate</c> does.</summary>
    public async Task<JsonElement> InitiateAsync()
    {
        var response = await PostPaymentRequestAsync(await PaymentRequestBodyAsync());
        Assert.True(response.IsSuccessStatusCode, $"{Root}: {await response.Content.ReadAsStringAsync()}");
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        _page.CheckoutId = answer.GetProperty("checkoutId").GetString()!;
        return answer;
    }

    /// <summary>Finishes Klarna's purchase journey without a browser, through the emulator's test helper.</summary>
    public async Task<JsonElement> SimulateJourneyAsync(string paymentRequestId, string action, string email = "customer+us@klarna.com")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"sandbox/klarna/v2/payment/requests/{Uri.EscapeDataString(paymentRequestId)}/simulate")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { action, email }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _page.Keys.KlarnaApiKey);
        var response = await _page.Emulator.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> StatusAsync()
    {
        var response = await _http.GetAsync(At($"api/checkouts/{CheckoutId}"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls as the return page does, until the order is final (within <paramref name="timeout"/>, or <see cref="Eventually.DefaultBound"/>).</summary>
    public Task<JsonElement> WaitForFinalStatusAsync(TimeSpan? timeout = null) => PollUntilFinalAsync([this], timeout);

    /// <summary>Polls as the return page does, each poll through the next of <paramref name="instances"/>, until the order is final.</summary>
    public Task<JsonElement> WaitForFinalStatusAsync(IReadOnlyList<CheckoutAppFactory> instances, DateTime deadline) =>
        PollUntilFinalAsync([.. instances.Select(Through)], deadline - DateTime.UtcNow);

    /// <summary>Polls as the return page does until the order's status is <paramref name="expected"/>.</summary>
    public Task<JsonElement> WaitForStatusAsync(string expected) => Eventually.MatchesAsync(
        $"order {CheckoutId} to be {expected}", StatusAsync, status => status.GetProperty("status").GetString() == expected);

    public async Task<string> ConfirmationPageAsync()
    {
        var response = await _http.GetAsync(At($"checkout/confirmation?checkoutId={CheckoutId}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(At(path));

    /// <summary>The acquirer's payment id the order was given (acquirer-led flow), read from the database.</summary>
    public async Task<string?> AcquirerPaymentIdAsync()
    {
        var app = _app ?? throw new InvalidOperationException("Only a shopper on an app hosted in the test reads its database.");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        var id = Guid.Parse(CheckoutId);
        return await db.Orders.Where(o => o.Id == id).Select(o => o.AcquirerPaymentId).SingleAsync();
    }

    /// <summary>Disposes what <see cref="Start"/> made (the browser) and the emulator client; a view from <see cref="Through"/> owns nothing.</summary>
    public void Dispose()
    {
        if (_isView)
        {
            return;
        }
        _page.Emulator.Dispose();
        if (_ownsBrowser)
        {
            _http.Dispose();
        }
    }

    private static Task<JsonElement> PollUntilFinalAsync(IReadOnlyList<Shopper> views, TimeSpan? bound)
    {
        var poll = 0;
        return Eventually.MatchesAsync(
            $"order {views[0].CheckoutId} to be final",
            () => views[poll++ % views.Count].StatusAsync(),
            status => status.GetProperty("final").GetBoolean(),
            bound);
    }

    private Uri At(string path) => new(Root, path);

    private static CheckoutAppFactory Started(CheckoutAppFactory app)
    {
        app.EnsureStarted();
        return app;
    }

    /// <summary>What the page told the shopper, and the client for Klarna's side; shared by every view of one shopper.</summary>
    private sealed class Page(Uri emulator, EmulatorKeys keys)
    {
        public static Page Of(EmulatorHost emulator) => new(emulator.Root, emulator.Keys);

        public EmulatorKeys Keys { get; } = keys;

        public HttpClient Emulator { get; } = new() { BaseAddress = emulator };

        public string Html { get; set; } = "";

        public string CheckoutKey { get; set; } = "";

        public string PlanId { get; set; } = "";

        public string Csrf { get; set; } = "";

        public string ClientId { get; set; } = "";

        public string CheckoutId { get; set; } = "";

        public string SessionId { get; set; } = "";
    }
}
