namespace Checkout.Browser.Tests;

using System.Globalization;
using Checkout.Domain.Plans;
using Microsoft.Playwright;

/// <summary>The shopper follows the confirmation page's link to their subscription's own page.</summary>
public sealed class ShopperPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Shopper_follows_the_confirmation_link_to_see_the_plan_status_and_next_charge()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.PayInPopupAsync(page, "premium-monthly", KlarnaJourney.ApprovedEmail);
        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));

        // The subscription starts a moment after the order completes; until then the page says the link comes shortly.
        var manage = page.GetByRole(AriaRole.Link, new() { Name = "Manage your subscription" });
        var soon = page.Locator("#manage-subscription-soon");
        var saidSoonWhileWaiting = true;
        await KlarnaJourney.ReloadUntilAsync(page, "the confirmation page's link to the subscription", async () =>
        {
            if (await manage.IsVisibleAsync())
            {
                return true;
            }
            saidSoonWhileWaiting &= await soon.IsVisibleAsync();
            return false;
        });
        Assert.True(saidSoonWhileWaiting, "Before the link, the confirmation page must say it comes shortly.");
        await manage.ClickAsync();

        await page.WaitForURLAsync("**/subscription/**");
        var plan = DemoPlans.Find("premium-monthly");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(plan.Name);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Active");
        var nextCharge = plan.FirstBillingDate(DateOnly.FromDateTime(DateTime.UtcNow)).ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("#next-charge")).ToHaveTextAsync($"{plan.Price.Display()} on {nextCharge}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel at the end of this period" })).ToBeVisibleAsync();
    }
}
