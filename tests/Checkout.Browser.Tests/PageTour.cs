namespace Checkout.Browser.Tests;

using System.Text.Json;
using Checkout.Web.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

/// <summary>
/// Every page of ours a shopper or the operator lands on, visited in one browser page, each handed to a check under a
/// name its failures carry: the plan list, the checkout before and after Klarna is chosen, the return page, each result
/// (active, declined by Klarna, cancelled, a store's expired session), the shopper's subscription page and its expired
/// link, a ride's return page, and the operator's sign-in and the pages behind it. Klarna's own journey (a pop-up) is not
/// ours.
/// </summary>
public static class PageTour
{
    public static async Task VisitAsync(EveryPageBrowserFixture browser, IPage page, Func<string, Task> check)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(check);

        await page.GotoAsync("/");
        await check("plan list");
        await SubscribeAsync(browser, page, check);
        await ReturnPageAsync(page, check);
        await ResultsAsync(browser, page, check);
        await OperatorAsync(page, check);
    }

    /// <summary>Pays for <paramref name="planId"/> with Klarna, in its pop-up.</summary>
    public static async Task PayAsync(IPage page, string planId, string email, bool approve = true, Func<Task>? beforePaying = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await KlarnaJourney.OpenCheckoutAsync(page, planId);
        await KlarnaJourney.SelectKlarnaAsync(page);
        if (beforePaying is not null)
        {
            await beforePaying();
        }
        await KlarnaJourney.CompleteAsync(await page.RunAndWaitForPopupAsync(() => KlarnaJourney.ClickKlarnaButtonAsync(page)), email, approve);
    }

    private static async Task SubscribeAsync(EveryPageBrowserFixture browser, IPage page, Func<string, Task> check)
    {
        await PayAsync(page, "premium-monthly", KlarnaJourney.ApprovedEmail, beforePaying: async () =>
        {
            // The checkout as it opened (a fresh load), then with Klarna chosen.
            await page.ReloadAsync();
            await page.Locator("#checkout[data-ready='true']").WaitForAsync();
            await check("checkout");
            await KlarnaJourney.SelectKlarnaAsync(page);
            await check("checkout with Klarna chosen");
        });
        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        await check("confirmation of an active subscription");
        var checkoutId = Guid.Parse(new Uri(page.Url).Query.Split("checkoutId=")[1].Split('&')[0]);

        var manage = page.Locator("#manage-subscription");
        await KlarnaJourney.ReloadUntilAsync(page, "the confirmation page's link to the subscription", () => manage.IsVisibleAsync());
        var link = await manage.GetAttributeAsync("href");
        await page.GotoAsync(link!);
        await Assertions.Expect(page.Locator("#subscription")).ToBeVisibleAsync();
        await check("subscription page");
        // The subscription is the checkout's; voiding its links, as the shop does when it sends a newer one.
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ShopperLinks>().IssueReplacingAsync(checkoutId, TimeSpan.FromMinutes(5), CancellationToken.None);
        }
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#link-expired")).ToBeVisibleAsync();
        await check("subscription page's expired link");
    }

    /// <summary>The return page while Klarna's answer is awaited: the shopper is in the journey, and the page's status requests are held back.</summary>
    private static async Task ReturnPageAsync(IPage page, Func<string, Task> check)
    {
        await KlarnaJourney.OpenCheckoutAsync(page, "rides-on-demand");
        await KlarnaJourney.SelectKlarnaAsync(page);
        // The checkout the payment request opened, read from the server's answer on its way to the page.
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/payment-request", async route =>
        {
            var response = await route.FetchAsync();
            answer.TrySetResult(await response.TextAsync());
            await route.FulfillAsync(new RouteFulfillOptions { Response = response });
        });
        var journey = await page.RunAndWaitForPopupAsync(() => KlarnaJourney.ClickKlarnaButtonAsync(page));
        using var started = JsonDocument.Parse(await answer.Task);
        var checkoutId = started.RootElement.GetProperty("checkoutId").GetString();
        await page.UnrouteAllAsync();

        await page.RouteAsync("**/api/checkouts/**", route => route.AbortAsync());
        await page.GotoAsync($"/checkout/return?checkoutId={checkoutId}");
        await Assertions.Expect(page.Locator("#return")).ToBeVisibleAsync();
        // Klarna's pop-up is left unfinished (the next journey opens a pop-up of its own).
        await journey.CloseAsync();
        // Its progress is announced as it changes, not only shown.
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirming your payment with Klarna");
        await check("return page");
        await page.UnrouteAllAsync();
    }

    private static async Task ResultsAsync(EveryPageBrowserFixture browser, IPage page, Func<string, Task> check)
    {
        await PayAsync(page, "premium-monthly", KlarnaJourney.DeniedEmail);
        Assert.Equal("KlarnaDeclined", await KlarnaJourney.ConfirmationStatusAsync(page));
        await check("confirmation of a Klarna decline");

        await PayAsync(page, "rides-on-demand", KlarnaJourney.ApprovedEmail, approve: false);
        Assert.Equal("Cancelled", await KlarnaJourney.ConfirmationStatusAsync(page));
        await check("confirmation of a cancelled checkout");

        using var store = new StoreServer(browser.App);
        var session = (await store.CreatedAsync(StoreServer.Session())).GetProperty("id").GetString()!;
        await store.ExpireAsync(session);
        await page.GotoAsync($"/checkout?session={session}");
        await Assertions.Expect(page.Locator("#session-ended")).ToBeVisibleAsync();
        await check("checkout of an expired session");

        await page.GotoAsync($"/on-demand/charges/{Guid.NewGuid()}/return");
        await check("ride return page");
    }

    private static async Task OperatorAsync(IPage page, Func<string, Task> check)
    {
        await page.GotoAsync("/admin");
        await page.WaitForURLAsync("**/admin/login**");
        await check("operator sign-in");
        await page.Locator("#key").FillAsync("not-the-operator-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error")).ToBeVisibleAsync();
        await check("operator sign-in with a wrong key");
        await page.Locator("#key").FillAsync(EveryPageBrowserFixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        await check("operator's subscriptions");
        await page.Locator("a[href^='/admin/subscriptions/']").First.ClickAsync();
        await page.WaitForURLAsync("**/admin/subscriptions/**");
        await check("operator's subscription");
        await page.GotoAsync("/admin/webhooks");
        await check("operator's webhook events");
        await page.GotoAsync("/admin/events");
        await check("operator's events to the store");
    }
}
