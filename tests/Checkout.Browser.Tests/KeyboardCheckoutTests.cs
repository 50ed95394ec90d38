namespace Checkout.Browser.Tests;

using System.Net;
using Microsoft.Playwright;

/// <summary>A shopper with only a keyboard pays with Klarna, and hears what happened without looking for it.</summary>
public sealed class KeyboardCheckoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_keyboard_only_shopper_chooses_Klarna_presses_its_button_and_lands_on_the_focused_result()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");

        await TabToAsync(page, "#method-klarna");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#method-klarna")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#klarna-details")).ToBeVisibleAsync();

        await TabToAsync(page, "#klarna-payment-button button");
        // Klarna's purchase journey is Klarna's page, not ours: it is finished as any shopper would.
        var journey = await page.RunAndWaitForPopupAsync(() => page.Keyboard.PressAsync("Enter"));
        await KlarnaJourney.CompleteAsync(journey, KlarnaJourney.ApprovedEmail);

        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        await Assertions.Expect(page.Locator("#confirmation h1")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#confirmation h1")).ToHaveTextAsync("Your subscription is active");
    }

    [Fact]
    public async Task A_payment_that_cannot_start_is_announced_as_an_alert()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/api/payment-request", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = (int)HttpStatusCode.ServiceUnavailable,
            ContentType = "application/problem+json",
            Body = """{"title":"Klarna is unavailable","detail":"Klarna did not answer. Nothing was charged; please try again."}""",
        }));
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");
        await KlarnaJourney.SelectKlarnaAsync(page);

        await page.Locator("#klarna-payment-button button").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Klarna did not answer. Nothing was charged; please try again.");
    }

    /// <summary>Presses Tab from the top of the page until <paramref name="selector"/> has focus, as a shopper would.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        var passed = new List<string>();
        for (var stop = 0; stop < 30; stop++)
        {
            await page.Keyboard.PressAsync("Tab");
            var at = await page.EvaluateAsync<string?>(
                "selector => document.activeElement?.matches(selector) ? null : (document.activeElement?.outerHTML ?? 'nothing').slice(0, 80)", selector);
            if (at is null)
            {
                return;
            }
            passed.Add(at);
        }
        Assert.Fail($"Tab never reached {selector}; it went through:{Environment.NewLine}{string.Join(Environment.NewLine, passed)}");
    }
}
