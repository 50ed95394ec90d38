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

    public static async Task SelectKlarnaAsync(IPage page)
    {
        await page.Locator("#method-klarna").CheckAsync();
        await page.Locator("#klarna-payment-button button").WaitForAsync();
    }

    public static Task ClickKlarnaButtonAsync(IPage page) => page.Locator("#klarna-payment-button button").ClickAsync();

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
}
