namespace Checkout.Browser.Tests;

/// <summary>On a 360 × 740 phone screen every page of ours fits without sideways scrolling, reads without zoom, and has targets a finger can hit.</summary>
public sealed class PhoneScreenTests(EveryPageBrowserFixture browser) : IClassFixture<EveryPageBrowserFixture>
{
    [Fact]
    public async Task Every_page_fits_a_360_pixel_phone_screen_with_readable_text_and_24_pixel_targets()
    {
        var page = await browser.NewPhonePageAsync();
        var problems = new List<string>();

        await PageTour.VisitAsync(browser, page, phone: true, async name =>
        {
            problems.AddRange(await PageChecks.PhoneAsync(page, name));
            problems.AddRange(await PageChecks.AxeAsync(page, name));
        });

        PageChecks.AssertNone(problems);
    }
}
