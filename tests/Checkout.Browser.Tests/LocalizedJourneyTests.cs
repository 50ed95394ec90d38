namespace Checkout.Browser.Tests;

using Microsoft.Playwright;

/// <summary>A shopper whose browser is set to German: the whole journey in German, euro prices as Germans write them, Klarna asked for de-DE.</summary>
public sealed class LocalizedJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_German_shopper_subscribes_in_German_end_to_end_and_Klarna_is_asked_for_de_DE()
    {
        var page = await browser.NewPageInAsync("de-DE");

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Wählen Sie Ihren Tarif");

        var presentation = page.WaitForRequestAsync(request => request.Url.Contains("/web-sdk/v2/presentation?", StringComparison.Ordinal));
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly-eur");
        Assert.Contains("locale=de-DE", (await presentation).Url, StringComparison.Ordinal);
        Assert.Equal("de-DE", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.Locator("#summary-title")).ToHaveTextAsync("Bestellübersicht");
        Assert.Equal("9,99 €", Spaced(await page.Locator("#due-today").TextContentAsync()));
        await Assertions.Expect(page.Locator("#payment-title")).ToHaveTextAsync("Zahlungsart");
        await Assertions.Expect(page.Locator("#other-methods [data-method='card'] .method-header")).ToHaveTextAsync("Kredit- oder Debitkarte");

        var popup = await KlarnaJourney.OpenPopupJourneyAsync(page);
        await KlarnaJourney.CompleteAsync(popup, KlarnaJourney.ApprovedEmail);

        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Ihr Abo ist aktiv");
        Assert.Contains("Ihre erste Zahlung von 9,99 € wurde genehmigt.", Spaced(await page.Locator("#outcome").TextContentAsync()), StringComparison.Ordinal);
        Assert.Equal("de-DE", await page.Locator("html").GetAttributeAsync("lang"));
        await page.Context.CloseAsync();
    }

    /// <summary>German amounts put a no-break space between number and symbol; read as a space here.</summary>
    private static string Spaced(string? text) => (text ?? "").Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
