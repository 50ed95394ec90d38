namespace Checkout.Integration.Tests;

using System.Net;

/// <summary>
/// Behind a load balancer, limits count the shopper, not the balancer: <c>X-Forwarded-For</c> is believed from the
/// proxies <c>ForwardedHeaders:KnownProxies</c> names, and ignored from anyone else (the tests' client is 127.0.0.1).
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Shopper = "203.0.113.10";
    private const string OtherShopper = "203.0.113.20";

    [Fact]
    public async Task Through_a_configured_proxy_each_client_has_its_own_rate_limit()
    {
        using var app = AppBehind(proxy: "127.0.0.1", readsPerMinute: 2);

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            [await ReadAsync(app, Shopper), await ReadAsync(app, Shopper), await ReadAsync(app, Shopper)]);
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(app, OtherShopper));
    }

    [Fact]
    public async Task From_an_unknown_proxy_the_header_is_ignored_and_cannot_escape_the_limit()
    {
        using var app = AppBehind(proxy: "10.9.9.9", readsPerMinute: 2);

        Assert.Equal(HttpStatusCode.OK, await ReadAsync(app, Shopper));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(app, OtherShopper));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ReadAsync(app, "203.0.113.30"));
    }

    [Fact]
    public async Task Wrong_admin_keys_from_one_client_behind_the_proxy_do_not_lock_out_another()
    {
        using var app = AppBehind(proxy: "127.0.0.1", readsPerMinute: 1200, new() { ["Admin:Key"] = OperatorClient.Key, ["Admin:LoginAttemptsPerMinute"] = "1" });
        using var guesser = new OperatorClient(app);
        guesser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", Shopper);
        using var operatorAtWork = new OperatorClient(app);
        operatorAtWork.Http.DefaultRequestHeaders.Add("X-Forwarded-For", OtherShopper);

        using var wrong = await guesser.SignInAsync("not-the-operator-key-at-all");
        using var guesserLocked = await guesser.SignInAsync(OperatorClient.Key);
        using var signedIn = await operatorAtWork.SignInAsync();

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, guesserLocked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    private static CheckoutAppFactory AppBehind(string proxy, int readsPerMinute, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(more ?? [])
        {
            ["ForwardedHeaders:KnownProxies:0"] = proxy,
            ["RateLimits:ReadsPerMinute"] = readsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return CheckoutAppFactory.With(null, 0, settings, null);
    }

    private static async Task<HttpStatusCode> ReadAsync(CheckoutAppFactory app, string forwardedFor)
    {
        using var http = app.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/payment-methods");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
