namespace Checkout.Browser.Tests;

using Microsoft.Playwright;

/// <summary><c>initiationMode: REDIRECT</c>: the shopper leaves for Klarna and comes back to the return URL.</summary>
public sealed class RedirectJourneyTests(RedirectBrowserFixture browser) : IClassFixture<RedirectBrowserFixture>
{
    [Fact]
    public async Task Shopper_starts_a_free_trial_through_a_full_redirect()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.OpenCheckoutAsync(page, "family-trial");
        await KlarnaJourney.SelectKlarnaAsync(page);
        await KlarnaJourney.ClickKlarnaButtonAsync(page);
        await KlarnaJourney.WaitForRedirectToJourneyAsync(page);

        await KlarnaJourney.CompleteAsync(page, KlarnaJourney.ApprovedEmail);

        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your free trial has started");
    }

    [Fact]
    public async Task Shopper_who_aborts_after_a_redirect_is_brought_back_to_try_again()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");
        await KlarnaJourney.SelectKlarnaAsync(page);
        await KlarnaJourney.ClickKlarnaButtonAsync(page);
        await KlarnaJourney.WaitForRedirectToJourneyAsync(page);

        await KlarnaJourney.CompleteAsync(page, KlarnaJourney.ApprovedEmail, approve: false);

        Assert.Equal("Cancelled", await KlarnaJourney.ConfirmationStatusAsync(page));
    }
}
