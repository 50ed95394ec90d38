namespace Checkout.Browser.Tests;

/// <summary>Every page of ours meets WCAG 2.2 AA as axe-core checks it, and shows where the keyboard's focus is.</summary>
public sealed class AccessibilityTests(EveryPageBrowserFixture browser) : IClassFixture<EveryPageBrowserFixture>
{
    [Fact]
    public async Task Every_shopper_and_operator_page_passes_axe_core_and_shows_keyboard_focus()
    {
        var page = await browser.NewPageAsync();
        var problems = new List<string>();

        await PageTour.VisitAsync(browser, page, phone: false, async name =>
        {
            problems.AddRange(await PageChecks.AxeAsync(page, name));
            problems.AddRange(await PageChecks.FocusAsync(page, name));
        });

        PageChecks.AssertNone(problems);
    }
}
