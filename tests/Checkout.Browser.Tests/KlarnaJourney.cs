namespace Checkout.Browser.Tests;

using Microsoft.Playwright;

/// <summary>What a shopper does on the checkout page and in Klarna's (sandbox) purchase journey.</summary>
public static class KlarnaJourney
{
    public const string ApprovedEmail = "customer+us@klarna.com";
    public const string DeniedEmail = "customer+us+denied@klarna.com";

    public static async Task OpenCheckoutAsync(IPage page, string planId)
    {
        await page.GotoAsync($"checkout?plan={planId}");
        await page.Locator("#checkout[data-ready='true']").WaitForAsync();
    }

    /// <summary>
    /// Chooses Klarna and waits for its button. When Klarna never shows, says what the page knows of it (ready, the
    /// presentation's instruction, its error line), for the log of a run that failed.
    /// </summary>
    public static async Task SelectKlarnaAsync(IPage page)
    {
        try
        {
            await page.Locator("#method-klarna").CheckAsync();
        }
        catch (TimeoutException e)
        {
            var checkout = page.Locator("#checkout");
            var ready = await TextOrNoneAsync(checkout, l => l.GetAttributeAsync("data-ready"));
            var instruction = await TextOrNoneAsync(checkout, l => l.GetAttributeAsync("data-klarna-instruction"));
            var error = await TextOrNoneAsync(page.Locator("#checkout-error"), l => l.TextContentAsync());
            var warnings = string.Join(" | ", BrowserFixture.ConsoleWarnings(page));
            throw new TimeoutException(
                $"Klarna never showed on {page.Url}: ready={ready}, Klarna's instruction={instruction}, the error line says \"{error}\", the page's console warned: {warnings}.", e);
        }
        await page.Locator("#klarna-payment-button button").WaitForAsync();
    }

    public static Task ClickKlarnaButtonAsync(IPage page) => page.Locator("#klarna-payment-button button").ClickAsync();

    /// <summary>
    /// Waits until the page has gone to Klarna's purchase journey (a redirect): from the moment the journey's address is
    /// committed, since the journey's fields are waited for by the steps that use them. When it never goes, says where the
    /// page is and what it shows, for the log of a run that failed.
    /// </summary>
    public static async Task WaitForRedirectToJourneyAsync(IPage page)
    {
        try
        {
            // Twice the other steps' bound: the payment request behind the click calls Klarna, with retries on a busy machine.
            await page.WaitForURLAsync("**/sandbox/klarna/journey/**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        }
        catch (TimeoutException e)
        {
            var error = await TextOrNoneAsync(page.Locator("#checkout-error"), l => l.TextContentAsync());
            var busy = await TextOrNoneAsync(page.Locator("#klarna-payment-button button"), l => l.GetAttributeAsync("aria-busy"));
            throw new TimeoutException($"The page never went to Klarna's journey: it is at {page.Url}, its error line says \"{error}\", Klarna's button is aria-busy={busy}.", e);
        }
    }

    /// <summary>Selects Klarna, clicks its button and returns the purchase journey's pop-up.</summary>
    public static async Task<IPage> OpenPopupJourneyAsync(IPage page)
    {
        await SelectKlarnaAsync(page);
        return await page.RunAndWaitForPopupAsync(() => ClickKlarnaButtonAsync(page));
    }

    /// <summary>The whole desktop journey: open the plan's checkout, then finish Klarna's pop-up as <paramref name="email"/>.</summary>
    public static async Task PayInPopupAsync(IPage page, string planId, string email, bool approve = true)
    {
        await OpenCheckoutAsync(page, planId);
        await CompleteAsync(await OpenPopupJourneyAsync(page), email, approve);
    }

    /// <summary>Email, one-time code, then approve or abort, in whichever page holds the journey.</summary>
    public static async Task CompleteAsync(IPage journey, string email, bool approve = true)
    {
        await journey.Locator("#klarna-email").FillAsync(email);
        await journey.Locator("#klarna-continue").ClickAsync();
        await journey.Locator("#klarna-otp").FillAsync("123456");
        await journey.Locator("#klarna-confirm").ClickAsync();
        await journey.Locator(approve ? "#klarna-approve" : "#klarna-abort").ClickAsync();
    }

    /// <summary>Reloads <paramref name="page"/> until <paramref name="shown"/> holds: for what the server records in the background.</summary>
    public static Task ReloadUntilAsync(IPage page, string what, Func<Task<bool>> shown) => Eventually.HoldsAsync(what, async () =>
    {
        if (await shown())
        {
            return true;
        }
        await page.ReloadAsync();
        return false;
    });

    public static async Task<string> ConfirmationStatusAsync(IPage page)
    {
        await page.WaitForURLAsync("**/checkout/confirmation?**");
        return (await page.Locator("#confirmation").GetAttributeAsync("data-status"))!;
    }

    /// <summary>Subscribes to the monthly plan through the descriptor and button Klarna's presentation rendered.</summary>
    public static async Task SubscribeThroughKlarnasDescriptorAsync(BrowserFixture browser)
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");
        await Assertions.Expect(page.Locator("#klarna-header")).ToContainTextAsync("Subscribe with Klarna");

        var popup = await KlarnaJourney.OpenPopupJourneyAsync(page);
        await KlarnaJourney.CompleteAsync(popup, KlarnaJourney.ApprovedEmail);

        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
    }

    private static async Task<string> TextOrNoneAsync(ILocator locator, Func<ILocator, Task<string?>> read) =>
        await locator.CountAsync() > 0 ? await read(locator) ?? "" : "(none)";
}
