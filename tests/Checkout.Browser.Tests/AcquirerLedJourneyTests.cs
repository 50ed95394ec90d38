namespace Checkout.Browser.Tests;

using Microsoft.Playwright;

/// <summary>The partner API's flow in the browser: the shopper sees the same journey; the acquirer completes the order.</summary>
public sealed class AcquirerLedJourneyTests(AcquirerLedBrowserFixture browser) : IClassFixture<AcquirerLedBrowserFixture>
{
    [Fact]
    public async Task Shopper_subscribes_through_the_acquirer_led_flow()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.PayInPopupAsync(page, "premium-monthly", KlarnaJourney.ApprovedEmail);

        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your subscription is active");
    }

    [Fact]
    public async Task Shopper_starts_a_trial_and_is_declined_by_Klarna_on_the_next_try()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.PayInPopupAsync(page, "family-trial", KlarnaJourney.ApprovedEmail);
        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));

        await KlarnaJourney.PayInPopupAsync(page, "premium-monthly", KlarnaJourney.DeniedEmail);
        Assert.Equal("KlarnaDeclined", await KlarnaJourney.ConfirmationStatusAsync(page));
    }
}
