namespace Checkout.Integration.Tests;

using Checkout.Klarna;
using Checkout.Web.Infrastructure.Http;

/// <summary>The Content-Security-Policy allows what Klarna's browser-security page lists, and no more.</summary>
public sealed class SecurityHeadersTests
{
    private const string KlarnaSdk = "https://js.klarna.com/web-sdk/v2/klarna.mjs";

    [Fact]
    public void Test_environment_policy_is_Klarnas_list_with_the_playground_scripts()
    {
        var policy = Directives(new KlarnaOptions
        {
            BaseUrl = "https://api-global.test.klarna.com/", SdkUrl = KlarnaSdk, ClientId = "klarna_test_client_abc",
        });

        Assert.Equal("'self' https://x.klarnacdn.net https://js.klarna.com https://js.playground.klarna.com", policy["script-src"]);
        Assert.Equal("'self' 'unsafe-inline' https://x.klarnacdn.net", policy["style-src"]);
        Assert.Equal("'self' https://x.klarnacdn.net", policy["font-src"]);
        Assert.Equal("'self' https://*.klarna.com https://*.klarnaevt.com https://x.klarnacdn.net", policy["connect-src"]);
        Assert.Equal("https://*.klarna.com https://x.klarnacdn.net", policy["frame-src"]);
        Assert.Equal("'self' data: https://x.klarnacdn.net https://*.klarna.com", policy["img-src"]);
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.DoesNotContain("'unsafe-inline'", policy["script-src"], StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", string.Join(' ', policy.Values), StringComparison.Ordinal);
    }

    [Fact]
    public void Live_policy_leaves_the_playground_out()
    {
        var policy = Directives(new KlarnaOptions
        {
            BaseUrl = "https://api-global.klarna.com/", SdkUrl = KlarnaSdk, ClientId = "klarna_live_client_abc",
        });

        Assert.Equal("'self' https://x.klarnacdn.net https://js.klarna.com", policy["script-src"]);
    }

    [Fact]
    public void Sandbox_stand_in_keeps_the_strict_own_origin_policy()
    {
        var policy = Directives(new KlarnaOptions { ClientId = "klarna_test_client_sandbox" });

        Assert.All(["script-src", "connect-src", "frame-src", "style-src", "font-src"], name => Assert.Equal("'self'", policy[name]));
    }

    [Fact]
    public async Task Checkout_page_sends_the_policy_and_lets_the_journey_pop_up_reach_its_opener()
    {
        var app = SharedApp.Default.App;
        var shopper = Shopper.Start(app);
        var page = await shopper.GetAsync("/checkout?plan=premium-monthly");

        Assert.Equal("same-origin-allow-popups", page.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
        var emulator = app.Emulator.Root.GetLeftPart(UriPartial.Authority);
        Assert.Contains($"script-src 'self' {emulator};", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Directives(KlarnaOptions klarna) =>
        SecurityHeaders.PolicyFor(klarna, [])
            .Split("; ")
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "", StringComparer.Ordinal);
}
