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

/// <summary>
/// The newest typings' option carries Klarna's words as <c>content</c> and no components: the page shows them as
/// given, selects the option through <c>select()</c>, and pays through the SDK's own button.
/// </summary>
public sealed class ContentPresentationTests(ContentPresentationBrowserFixture browser) : IClassFixture<ContentPresentationBrowserFixture>
{
    /// <summary>The stand-in's content option (PresentationBuilder.ContentPaymentOptionId), not its default one.</summary>
    private const string ContentPaymentOptionId = "S0xBUk5BX0NPTlRFTlQ=";

    [Fact]
    public async Task Shopper_sees_klarnas_content_and_pays_with_the_option_the_page_selected()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");

        await Assertions.Expect(page.Locator("#klarna-header")).ToHaveTextAsync("Subscribe with Klarna");
        await Assertions.Expect(page.Locator("#klarna-subheader")).ToHaveTextAsync("Pay monthly, cancel anytime");
        await Assertions.Expect(page.Locator("#klarna-icon img")).ToHaveAttributeAsync("alt", "Klarna");
        Assert.Equal("content", await page.Locator("#checkout").GetAttributeAsync("data-klarna-descriptor"));

        await KlarnaJourney.SelectKlarnaAsync(page);
        var started = page.WaitForRequestAsync(r => r.Url.EndsWith("/api/payment-request", StringComparison.Ordinal));
        var popup = await page.RunAndWaitForPopupAsync(() => KlarnaJourney.ClickKlarnaButtonAsync(page));
        using (var body = System.Text.Json.JsonDocument.Parse((await started).PostData!))
        {
            Assert.Equal(ContentPaymentOptionId, body.RootElement.GetProperty("paymentOptionId").GetString());
        }
        await KlarnaJourney.CompleteAsync(popup, KlarnaJourney.ApprovedEmail);

        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
    }
}

/// <summary>The v2-r6 typings split the subheader: the short one beside Klarna's header, the enriched one, with its link, among the details.</summary>
public sealed class EnrichedSubheaderPresentationTests(EnrichedSubheaderBrowserFixture browser) : IClassFixture<EnrichedSubheaderBrowserFixture>
{
    [Fact]
    public async Task Shopper_sees_both_subheader_lengths_and_subscribes_through_klarnas_button()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");

        await Assertions.Expect(page.Locator("#klarna-header")).ToHaveTextAsync("Subscribe with Klarna");
        await Assertions.Expect(page.Locator("#klarna-subheader")).ToHaveTextAsync("Pay monthly, cancel anytime");
        Assert.Equal("components", await page.Locator("#checkout").GetAttributeAsync("data-klarna-descriptor"));

        var popup = await KlarnaJourney.OpenPopupJourneyAsync(page);
        await Assertions.Expect(page.Locator("#klarna-message a")).ToHaveTextAsync("Learn more");
        await KlarnaJourney.CompleteAsync(popup, KlarnaJourney.ApprovedEmail);

        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
    }
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
