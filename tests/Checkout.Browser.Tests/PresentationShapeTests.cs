namespace Checkout.Browser.Tests;

using Microsoft.Playwright;

/// <summary>The newest SDK typings give <c>paymentOptions[]</c> where the seed gives <c>paymentOption</c>: both pay.</summary>
public sealed class PaymentOptionsPresentationTests(PaymentOptionsBrowserFixture browser) : IClassFixture<PaymentOptionsBrowserFixture>
{
    [Fact]
    public Task Shopper_subscribes_when_the_presentation_lists_payment_options() =>
        KlarnaJourney.SubscribeThroughKlarnasDescriptorAsync(browser);
}

/// <summary>The v2 typedoc's payment.PaymentPresentation carries the components itself, with no option around them.</summary>
public sealed class FlatPresentationTests(FlatPresentationBrowserFixture browser) : IClassFixture<FlatPresentationBrowserFixture>
{
    [Fact]
    public Task Shopper_subscribes_when_the_presentation_carries_the_components_itself() =>
        KlarnaJourney.SubscribeThroughKlarnasDescriptorAsync(browser);
}

/// <summary>A presentation the page cannot read still offers Klarna, with a default descriptor, and says why.</summary>
public sealed class UnreadablePresentationTests(UnreadablePresentationBrowserFixture browser) : IClassFixture<UnreadablePresentationBrowserFixture>
{
    [Fact]
    public async Task Klarna_stays_on_offer_with_the_default_descriptor_and_the_problem_is_reported()
    {
        var page = await browser.NewPageAsync();
        var report = page.WaitForResponseAsync(r => r.Url.Contains("/presentation-problem", StringComparison.Ordinal));
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");

        Assert.Equal(204, (await report).Status);
        await Assertions.Expect(page.Locator("#klarna-payment-method")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#klarna-header")).ToHaveTextAsync("Klarna");
        Assert.Equal("default", await page.Locator("#checkout").GetAttributeAsync("data-klarna-descriptor"));

        var popup = await KlarnaJourney.OpenPopupJourneyAsync(page);
        await KlarnaJourney.CompleteAsync(popup, KlarnaJourney.ApprovedEmail);

        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
    }
}
