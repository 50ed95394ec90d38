namespace Checkout.Browser.Tests;

using Microsoft.Playwright;

/// <summary>A desktop shopper: DEVICE_BEST opens Klarna's purchase journey in a pop-up.</summary>
public sealed class PopupJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Shopper_subscribes_with_Klarna_and_sees_the_subscription_active()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");
        Assert.True(await page.Locator("#other-methods [data-method='card']").IsVisibleAsync());
        Assert.True(await page.Locator("#klarna-payment-method").IsVisibleAsync());
        Assert.False(await page.Locator("#klarna-details").IsVisibleAsync());

        var popup = await KlarnaJourney.OpenPopupJourneyAsync(page);
        await KlarnaJourney.CompleteAsync(popup, KlarnaJourney.ApprovedEmail);

        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your subscription is active");
    }

    [Fact]
    public async Task Shopper_Klarna_declines_sees_a_way_to_try_again()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.PayInPopupAsync(page, "premium-monthly", KlarnaJourney.DeniedEmail);

        Assert.Equal("KlarnaDeclined", await KlarnaJourney.ConfirmationStatusAsync(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Try again" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Shopper_who_aborts_is_told_nothing_was_charged()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.PayInPopupAsync(page, "rides-on-demand", KlarnaJourney.ApprovedEmail, approve: false);

        Assert.Equal("Cancelled", await KlarnaJourney.ConfirmationStatusAsync(page));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You cancelled");
    }

    [Fact]
    public async Task Closing_the_pop_up_cancels_the_checkout()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");
        var popup = await KlarnaJourney.OpenPopupJourneyAsync(page);
        await popup.Locator("#klarna-email").WaitForAsync();
        await popup.CloseAsync();

        Assert.Equal("Cancelled", await KlarnaJourney.ConfirmationStatusAsync(page));
    }

    [Fact]
    public async Task Selecting_card_hides_Klarna_button_and_selecting_Klarna_shows_it()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");
        await KlarnaJourney.SelectKlarnaAsync(page);
        await Assertions.Expect(page.Locator("#klarna-details")).ToBeVisibleAsync();

        await page.Locator("#method-card").CheckAsync();
        await Assertions.Expect(page.Locator("#klarna-details")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-method='card'] .method-details")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("PRESELECT_KLARNA", true, true)]
    [InlineData("SHOW_ONLY_KLARNA", true, false)]
    [InlineData("SHOW_KLARNA", false, true)]
    public async Task Klarna_is_rendered_by_the_presentation_instruction(string instruction, bool klarnaSelected, bool othersVisible)
    {
        var page = await browser.NewPageAsync();
        await ForceInstructionAsync(page, instruction);
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");

        Assert.Equal(instruction, await page.Locator("#checkout").GetAttributeAsync("data-klarna-instruction"));
        Assert.True(await page.Locator("#klarna-payment-method").IsVisibleAsync());
        Assert.Equal(klarnaSelected, await page.Locator("#method-klarna").IsCheckedAsync());
        Assert.Equal(othersVisible, await page.Locator("#other-methods").IsVisibleAsync());
    }

    [Fact]
    public async Task Hidden_Klarna_leaves_the_other_methods()
    {
        var page = await browser.NewPageAsync();
        await ForceInstructionAsync(page, "HIDE_KLARNA");
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");

        Assert.False(await page.Locator("#klarna-payment-method").IsVisibleAsync());
        Assert.True(await page.Locator("#other-methods [data-method='card']").IsVisibleAsync());
    }

    [Fact]
    public async Task Initiate_accepts_the_seed_positional_arguments_and_the_one_object_form()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.OpenCheckoutAsync(page, "premium-monthly");

        var shapes = await page.EvaluateAsync<string[]>("""
            async () => {
              const { toInitiateArgs } = await import('/js/klarna-initiate.js');
              return [toInitiateArgs('tok', 'opt'), toInitiateArgs({ klarnaNetworkSessionToken: 'tok', paymentOptionId: 'opt' })]
                .map(a => `${a.klarnaNetworkSessionToken}|${a.paymentOptionId}`);
            }
            """);
        Assert.Equal(["tok|opt", "tok|opt"], shapes);
    }

    /// <summary>Asks the sandbox's presentation endpoint for a given instruction, as Klarna would decide it.</summary>
    private static async Task ForceInstructionAsync(IPage page, string instruction) =>
        await page.RouteAsync("**/web-sdk/v2/presentation**", async route =>
        {
            var url = new UriBuilder(route.Request.Url);
            url.Query = (url.Query.TrimStart('?') + $"&instruction={instruction}").TrimStart('&');
            await route.ContinueAsync(new RouteContinueOptions { Url = url.Uri.ToString() });
        });
}
