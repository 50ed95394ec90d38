namespace Checkout.Browser.Tests;

using System.Net;
using Microsoft.Playwright;

/// <summary>
/// A rider signs up in the browser; later the merchant's app charges a ride, Klarna wants a step-up, and the rider
/// approves in Klarna's purchase journey and comes back to the ride's return page, which shows it paid.
/// </summary>
public sealed class OnDemandJourneyTests(RidesBrowserFixture browser) : IClassFixture<RidesBrowserFixture>
{
    [Fact]
    public async Task A_rider_approves_a_stepped_up_ride_in_klarnas_journey_and_returns_to_it_paid()
    {
        var page = await browser.NewPageAsync();
        await KlarnaJourney.PayInPopupAsync(page, "rides-on-demand", KlarnaJourney.ApprovedEmail);
        Assert.Equal("Completed", await KlarnaJourney.ConfirmationStatusAsync(page));
        var customer = Guid.Parse(new Uri(page.Url).Query.Split("checkoutId=")[1].Split('&')[0]);

        using var merchant = new RidesMerchant(browser.App);
        var (status, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 2542), $"ride-key-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("step_up_required", charge.GetProperty("status").GetString());
        var chargeId = charge.GetProperty("chargeId").GetGuid();

        await page.GotoAsync(charge.GetProperty("purchaseJourneyUrl").GetString()!);
        await KlarnaJourney.CompleteAsync(page, KlarnaJourney.ApprovedEmail);
        await page.WaitForURLAsync($"**/on-demand/charges/{chargeId}/return");

        await Assertions.Expect(page.Locator("main[data-status='approved'] h1"))
            .ToHaveTextAsync("Ride paid");
        var (_, settled) = await merchant.ReadAsync(chargeId);
        Assert.Equal("approved", settled.GetProperty("status").GetString());
    }
}
