namespace Checkout.Browser.Tests;

using System.Text.RegularExpressions;
using Microsoft.Playwright;

/// <summary>The app with the operator's view and the test clock on: an app of its own, since its tests move the clock.</summary>
public sealed class OperatorBrowserFixture : BrowserFixture
{
    public const string AdminKey = "operator-key-for-browser-tests-0123";

    public OperatorBrowserFixture()
        : base(new()
        {
            ["Admin:Key"] = AdminKey,
            ["TestClock:Enabled"] = "true",
            // Not the Development emulator on port 5090: the test's own emulator needs no clock to approve a token charge.
            ["TestClock:EmulatorClockUrl"] = "",
            // The shopper's link from the sign-up still works after the clock moved a month (its expiry is tested on its own).
            ["ShopperLinks:Lifetime"] = "90.00:00:00",
        }, ownApp: true)
    {
    }
}

/// <summary>The operator signs in, moves the test clock a month, and sees the shopper's subscription renewed, as the shopper does.</summary>
public sealed partial class OperatorViewTests(OperatorBrowserFixture browser) : IClassFixture<OperatorBrowserFixture>
{
    [Fact]
    public async Task A_month_after_signing_up_for_premium_monthly_the_operator_sees_period_two_approved()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.PayInPopupAsync(page, "premium-monthly", KlarnaJourney.ApprovedEmail);
        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        var subscriptionId = Guid.Parse(CheckoutId().Match(page.Url).Groups[1].Value);
        // The shopper's own link, from the confirmation page once the subscription has started.
        var manage = page.GetByRole(AriaRole.Link, new() { Name = "Manage your subscription" });
        await KlarnaJourney.ReloadUntilAsync(page, "the confirmation page's link to the subscription", () => manage.IsVisibleAsync());
        var shopperLink = await manage.GetAttributeAsync("href");
        Assert.NotNull(shopperLink);

        var link = await SignInAndFindAsync(page, subscriptionId);

        await page.GetByRole(AriaRole.Button, new() { Name = "Advance 1 month" }).ClickAsync();
        await Assertions.Expect(page.Locator(".test-clock .notice")).ToContainTextAsync("subscriptions were due");
        await link.ClickAsync();

        await Assertions.Expect(page.Locator("[data-field='period']")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-field='status']")).ToHaveTextAsync("Active");
        await Assertions.Expect(page.Locator("tr[data-period='2'][data-attempt='1'] td").Nth(3)).ToHaveTextAsync("Approved");

        // The shopper sees the same renewal on their page: the sign-up's charge and the renewal, both approved.
        await page.GotoAsync(shopperLink);
        await Assertions.Expect(page.Locator("tr.charge td:nth-child(4)")).ToHaveTextAsync(["Approved", "Approved"]);
    }

    [Fact]
    public async Task After_its_free_trial_a_family_trial_converts_to_active_with_its_first_charge_approved()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.PayInPopupAsync(page, "family-trial", KlarnaJourney.ApprovedEmail);
        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        var subscriptionId = Guid.Parse(CheckoutId().Match(page.Url).Groups[1].Value);

        var link = await SignInAndFindAsync(page, subscriptionId);
        await link.ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='status']")).ToHaveTextAsync("Trialing");

        // The 30-day trial ends within a month and a week, whatever the month.
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Advance 1 month" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Advance 7 days" }).ClickAsync();
        await link.ClickAsync();

        await Assertions.Expect(page.Locator("[data-field='status']")).ToHaveTextAsync("Active");
        await Assertions.Expect(page.Locator("[data-field='period']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("tr[data-period='1'][data-attempt='1'] td").Nth(3)).ToHaveTextAsync("Approved");
    }

    [Fact]
    public async Task A_declined_renewal_is_past_due_and_the_operators_retry_recovers_it()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.PayInPopupAsync(page, "premium-monthly", "customer+us+decline-first-renewal@klarna.com");
        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        var subscriptionId = Guid.Parse(CheckoutId().Match(page.Url).Groups[1].Value);
        var link = await SignInAndFindAsync(page, subscriptionId);

        await page.GetByRole(AriaRole.Button, new() { Name = "Advance 1 month" }).ClickAsync();
        await link.ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='status']")).ToHaveTextAsync("PastDue");
        await Assertions.Expect(page.Locator("tr[data-period='2'][data-attempt='1'] td").Nth(3)).ToHaveTextAsync("Declined");

        await page.GetByRole(AriaRole.Button, new() { Name = "Retry the charge now" }).ClickAsync();
        // The scheduler sends the retry in the background; the page shows it once recorded.
        var status = page.Locator("[data-field='status']");
        await KlarnaJourney.ReloadUntilAsync(page, "the subscription to be Active after the retry", async () => await status.TextContentAsync() == "Active");

        await Assertions.Expect(status).ToHaveTextAsync("Active");
        await Assertions.Expect(page.Locator("[data-field='period']")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("tr[data-period='2'][data-attempt='2'] td").Nth(3)).ToHaveTextAsync("Approved");
    }

    /// <summary>
    /// Signs in to the operator's view if needed and waits for the subscription to be listed: it starts when the
    /// worker sees the order completed.
    /// </summary>
    private static async Task<ILocator> SignInAndFindAsync(IPage page, Guid subscriptionId)
    {
        await page.GotoAsync("/admin");
        if (await page.Locator("#key").CountAsync() > 0)
        {
            await page.Locator("#key").FillAsync(OperatorBrowserFixture.AdminKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/admin");
        }
        var link = page.Locator($"a[href='/admin/subscriptions/{subscriptionId:N}']");
        await KlarnaJourney.ReloadUntilAsync(page, $"subscription {subscriptionId} in the operator's list", async () => await link.CountAsync() > 0);
        await Assertions.Expect(link).ToBeVisibleAsync();
        return link;
    }

    [GeneratedRegex("checkoutId=([0-9a-fA-F-]{32,36})")]
    private static partial Regex CheckoutId();
}
