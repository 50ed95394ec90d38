namespace Checkout.Browser.Tests;

/// <summary>
/// Every page of ours meets WCAG 2.2 AA as axe-core checks it, shows where the keyboard's focus is, and on a 360 × 740
/// phone screen fits without sideways scrolling, reads without zoom and has targets a finger can hit. One tour checks
/// each page at both sizes: the tour's journeys are the costly part.
/// </summary>
public sealed class AccessibilityTests(EveryPageBrowserFixture browser) : IClassFixture<EveryPageBrowserFixture>
{
    [Fact]
    public async Task Every_shopper_and_operator_page_passes_axe_core_shows_keyboard_focus_and_fits_a_360_pixel_phone_screen()
    {
        var page = await browser.NewPageAsync();
        var problems = new List<string>();

        await PageTour.VisitAsync(browser, page, async name =>
        {
            problems.AddRange(await PageChecks.AxeAsync(page, name));
            problems.AddRange(await PageChecks.FocusAsync(page, name));
            await page.SetViewportSizeAsync(360, 740);
            problems.AddRange(await PageChecks.PhoneAsync(page, name));
            await page.SetViewportSizeAsync(1280, 900);
        });

        PageChecks.AssertNone(problems);
    }
}
