namespace Checkout.Browser.Tests;

using System.Runtime.CompilerServices;
using Microsoft.Playwright;

/// <summary>
/// The checkout on real Kestrel, and Debian's Chromium (its headless shell) driven by Playwright (never a downloaded browser). One Chromium
/// serves every test in the process (each page gets a browser context of its own), and the app is the one shared by
/// every test with the same settings (<see cref="SharedApp"/>), unless a fixture asks for an app of its own: one
/// whose clock its tests move.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private static readonly Lazy<Task<IBrowser>> SharedBrowser = new(LaunchAsync);

    private readonly CheckoutAppFactory _app;
    private readonly bool _ownsApp;

    public BrowserFixture()
        : this(new Dictionary<string, string>())
    {
    }

    protected BrowserFixture(Dictionary<string, string> settings, bool ownApp = false)
    {
        var given = settings.ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        _ownsApp = ownApp;
        _app = ownApp ? CheckoutAppFactory.With(null, 0, given, null) : SharedApp.For(given).App;
    }

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app under test, for the merchant's server-side calls beside the shopper's browser.</summary>
    public CheckoutAppFactory App => _app;

    public Uri Root { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app.EnsureStarted();
        Root = _app.RootUri;
        Browser = await SharedBrowser.Value;
    }

    private static readonly ConditionalWeakTable<IPage, List<string>> Warnings = new();

    public Task<IPage> NewPageAsync() => NewPageAsync(Root);

    /// <summary>A page in a fresh browser context on the app at <paramref name="root"/> (another app than this fixture's).</summary>
    public Task<IPage> NewPageAsync(Uri root) => NewPageAsync(root, new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });

    /// <summary>A page in a fresh browser context whose language is <paramref name="locale"/> (its Accept-Language and <c>navigator.language</c>).</summary>
    public Task<IPage> NewPageInAsync(string locale) =>
        NewPageAsync(Root, new BrowserNewContextOptions { Locale = locale, ViewportSize = new() { Width = 1280, Height = 900 } });

    private async Task<IPage> NewPageAsync(Uri root, BrowserNewContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(root);
        options.BaseURL = root.ToString();
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var warnings = new List<string>();
        Warnings.Add(page, warnings);
        page.Console += (_, message) =>
        {
            if (message.Type is "warning" or "error")
            {
                lock (warnings)
                {
                    warnings.Add(message.Text);
                }
            }
        };
        return page;
    }

    /// <summary>What the page's scripts warned or erred about so far, for a failure's message.</summary>
    public static IReadOnlyList<string> ConsoleWarnings(IPage page)
    {
        if (!Warnings.TryGetValue(page, out var warnings))
        {
            return [];
        }
        lock (warnings)
        {
            return [.. warnings];
        }
    }

    public async Task DisposeAsync()
    {
        if (_ownsApp)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Debian's headless shell (package chromium-headless-shell: the same Blink and V8, without the desktop browser
    /// around them, as Playwright itself runs for headless), else Debian's Chromium. The shell took the browser tests
    /// from 285 s of CPU to 120.
    /// </summary>
    private static string ChromiumPath =>
        File.Exists("/usr/lib/chromium/chromium-headless-shell") ? "/usr/lib/chromium/chromium-headless-shell" : "/usr/bin/chromium";

    private static async Task<IBrowser> LaunchAsync()
    {
        // A bound for a stuck test on a busy machine, never a timing assertion.
        Assertions.SetDefaultExpectTimeout(60_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        // Chromium goes with the test process; closing it first lets it exit cleanly.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
            playwright.Dispose();
        };
        return browser;
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

/// <summary>The same app with <c>Klarna:Flow=AcquirerLed</c>: the acquirer creates Klarna's payment request (the acquirer-led flow).</summary>
public sealed class AcquirerLedBrowserFixture : BrowserFixture
{
    public AcquirerLedBrowserFixture()
        : base(new() { ["Klarna:Flow"] = "AcquirerLed" })
    {
    }
}

/// <summary>The same app with the merchant API on (<c>Merchant:ApiKeys</c>), for the merchant's ride charges.</summary>
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

/// <summary>
/// The same app with the operator's view and the merchant API on, so a tour reaches every page a shopper or an operator
/// sees: the operator's sign-in, and a store's checkout session that has expired.
/// </summary>
public sealed class EveryPageBrowserFixture : BrowserFixture
{
    public const string AdminKey = "operator-key-for-page-checks-0123";

    public EveryPageBrowserFixture()
        : base(new Dictionary<string, string>(StoreServer.Settings().Select(pair => KeyValuePair.Create(pair.Key, pair.Value!)))
        {
            ["Admin:Key"] = AdminKey,
        })
    {
    }
}
