namespace Checkout.Browser.Tests;

using Checkout.Web.Localization;
using Microsoft.Playwright;

/// <summary>
/// The pages whose words change most with the shopper's language, the plan list and the checkout with Klarna chosen,
/// in every culture the shop ships: translated text keeps them WCAG 2.2 AA as axe-core checks it (their language
/// declared, their labels and names) and still fits a 360 × 740 phone screen. The full tour of every page runs in the
/// default culture (<see cref="AccessibilityTests"/>).
/// </summary>
public sealed class LocalizedAccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A plan in each culture's own currency, as a shopper there would buy it.</summary>
    private static readonly Dictionary<string, string> PlanOf = new()
    {
        ["en-GB"] = "premium-monthly-gbp",
        ["de-DE"] = "premium-monthly-eur",
        ["sv-SE"] = "premium-monthly-sek",
        ["fr-FR"] = "premium-monthly-eur",
    };

    [Fact]
    public async Task The_plan_list_and_the_checkout_pass_axe_core_and_fit_a_phone_in_every_shipped_culture()
    {
        var problems = new List<string>();
        foreach (var culture in LocalizationSettings.Shipped.Where(c => c != "en-US"))
        {
            var page = await browser.NewPageInAsync(culture);

            await page.GotoAsync("/");
            Assert.Equal(culture, await page.Locator("html").GetAttributeAsync("lang"));
            problems.AddRange(await CheckAsync(page, $"plan list ({culture})"));
            await KlarnaJourney.OpenCheckoutAsync(page, PlanOf[culture]);
            await KlarnaJourney.SelectKlarnaAsync(page);
            problems.AddRange(await CheckAsync(page, $"checkout with Klarna chosen ({culture})"));
            await page.Context.CloseAsync();
        }

        PageChecks.AssertNone(problems);
    }

    private static async Task<List<string>> CheckAsync(IPage page, string name)
    {
        var problems = (await PageChecks.AxeAsync(page, name)).ToList();
        await page.SetViewportSizeAsync(360, 740);
        problems.AddRange(await PageChecks.PhoneAsync(page, name));
        await page.SetViewportSizeAsync(1280, 900);
        return problems;
    }
}
