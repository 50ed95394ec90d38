namespace Checkout.Browser.Tests;

using Microsoft.Playwright;

/// <summary>
/// Public material disagrees on where Klarna's completed webhook carries its tokens: a shopper's subscription through
/// the page completes on the webhook alone whichever placement the emulator uses.
/// </summary>
public sealed class TokenPlacementJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("Payload")]
    [InlineData("StateContext")]
    [InlineData("Both")]
    public async Task Shopper_subscribes_whichever_placement_the_completed_webhook_uses(string placement)
    {
        var shared = SharedApp.WithTokenPlacement(placement);
        var page = await browser.NewPageAsync(shared.App.RootUri);
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");

        await KlarnaJourney.CompleteAsync(await KlarnaJourney.OpenPopupJourneyAsync(page), KlarnaJourney.ApprovedEmail);

        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your subscription is active");
        var checkoutId = new Uri(page.Url).Query.Split("checkoutId=")[1].Split('&')[0];
        Assert.DoesNotContain(shared.Logs.Lines, line => line.Contains(checkoutId, StringComparison.Ordinal) && line.Contains("lacked a token", StringComparison.Ordinal));
    }
}
