namespace Checkout.Browser.Tests;

using Microsoft.Playwright;

/// <summary>The checkout on real Kestrel, and Debian's Chromium driven by Playwright (never a downloaded browser).</summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly CheckoutAppFactory _app;
    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(new Dictionary<string, string>())
    {
    }

    protected BrowserFixture(Dictionary<string, string> settings) =>
        _app = CheckoutAppFactory.With(null, 0, settings.ToDictionary(pair => pair.Key, pair => (string?)pair.Value), null);

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app under test, for the merchant's server-side calls beside the shopper's browser.</summary>
    public CheckoutAppFactory App => _app;

    public Uri Root { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app.EnsureStarted();
        Root = _app.RootUri;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Root.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>The same app with <c>Klarna:InitiationMode=REDIRECT</c>: the journey replaces the checkout page.</summary>
public sealed class RedirectBrowserFixture : BrowserFixture
{
    public RedirectBrowserFixture()
        : base(new() { ["Klarna:InitiationMode"] = "REDIRECT" })
    {
    }
}

/// <summary>The same app with <c>Klarna:Flow=AcquirerLed</c>: the acquirer creates Klarna's payment request (seed 002).</summary>
public sealed class AcquirerLedBrowserFixture : BrowserFixture
{
    public AcquirerLedBrowserFixture()
        : base(new() { ["Klarna:Flow"] = "AcquirerLed" })
    {
    }
}

/// <summary>The same app with the on-demand API on (<c>Merchant:ApiKeys</c>), for the merchant's ride charges.</summary>
public sealed class RidesBrowserFixture : BrowserFixture
{
    public RidesBrowserFixture()
        : base(new() { [RidesMerchant.ApiKeySetting] = RidesMerchant.ApiKey })
    {
    }
}

/// <summary>The Web SDK stand-in answers with <c>paymentOptions[]</c>, as the newest SDK typings describe.</summary>
public sealed class PaymentOptionsBrowserFixture : BrowserFixture
{
    public PaymentOptionsBrowserFixture()
        : base(new() { ["Sandbox:Klarna:PresentationShape"] = "PaymentOptions" })
    {
    }
}

/// <summary>The Web SDK stand-in puts the components on the presentation itself, as the v2 typedoc's payment.PaymentPresentation.</summary>
public sealed class FlatPresentationBrowserFixture : BrowserFixture
{
    public FlatPresentationBrowserFixture()
        : base(new() { ["Sandbox:Klarna:PresentationShape"] = "Flat" })
    {
    }
}

/// <summary>The Web SDK stand-in answers with <c>paymentOptions[]</c> whose option carries <c>content</c> and <c>select()</c>, as the newest typings.</summary>
public sealed class ContentPresentationBrowserFixture : BrowserFixture
{
    public ContentPresentationBrowserFixture()
        : base(new() { ["Sandbox:Klarna:PresentationShape"] = "Content" })
    {
    }
}

/// <summary>The Web SDK stand-in answers with the v2-r6 typings' presentation: its subheader in an enriched and a short length.</summary>
public sealed class EnrichedSubheaderBrowserFixture : BrowserFixture
{
    public EnrichedSubheaderBrowserFixture()
        : base(new() { ["Sandbox:Klarna:PresentationShape"] = "EnrichedSubheader" })
    {
    }
}

/// <summary>The Web SDK stand-in answers with an instruction and no option the page can render.</summary>
public sealed class UnreadablePresentationBrowserFixture : BrowserFixture
{
    public UnreadablePresentationBrowserFixture()
        : base(new() { ["Sandbox:Klarna:PresentationShape"] = "Unreadable" })
    {
    }
}
