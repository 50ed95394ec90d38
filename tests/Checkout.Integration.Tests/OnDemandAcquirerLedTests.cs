namespace Checkout.Integration.Tests;

using System.Net;

/// <summary>The acquirer-led flow with the on-demand API on: the merchant passes the acquirer's own token id.</summary>
public sealed class AcquirerLedRidesAppFactory : CheckoutAppFactory
{
    public AcquirerLedRidesAppFactory()
        : base(null, 0, new Dictionary<string, string?>
        {
            ["Klarna:Flow"] = "AcquirerLed",
            [RidesMerchant.ApiKeySetting] = RidesMerchant.ApiKey,
        }, null, null)
    {
    }
}

/// <summary>
/// The partner API's side of a ride: the sandbox acquirer calls Payment Authorize with Klarna's token and a step_up_config,
/// hands Klarna's URL back unwrapped, finalizes with the session token after the journey and calls the merchant back.
/// </summary>
public sealed class OnDemandAcquirerLedTests(AcquirerLedRidesAppFactory app) : IClassFixture<AcquirerLedRidesAppFactory>
{
    [Fact]
    public async Task A_ride_is_approved_at_once_through_the_acquirers_token_id()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);

        var (status, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), $"ride-key-{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("approved", charge.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stepped_up_ride_is_finalized_by_the_acquirer_and_settled_by_its_callback()
    {
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);
        var (_, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1542), $"ride-key-{Guid.NewGuid():N}");
        Assert.Equal("step_up_required", charge.GetProperty("status").GetString());
        var journeyUrl = charge.GetProperty("purchaseJourneyUrl").GetString()!;
        Assert.Contains("/sandbox/klarna/journey/", journeyUrl, StringComparison.Ordinal);

        using var shopper = Shopper.Start(app);
        await shopper.SimulateJourneyAsync(RidesMerchant.JourneyId(journeyUrl), "approve");
        var settled = await merchant.WaitForSettledAsync(charge.GetProperty("chargeId").GetGuid());

        Assert.Equal("approved", settled.GetProperty("status").GetString());
        Assert.StartsWith("krn:payment:", settled.GetProperty("paymentTransactionId").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>Without <c>Merchant:ApiKeys</c> the on-demand API does not exist.</summary>
public sealed class OnDemandOffTests
{
    private readonly CheckoutAppFactory app = SharedApp.Default.App;
    [Fact]
    public async Task Without_a_configured_key_the_api_is_not_found()
    {
        using var merchant = new RidesMerchant(app);

        var (charge, _) = await merchant.ChargeAsync(RidesMerchant.Ride(Guid.NewGuid(), 1500), "ride-key-1");
        var (read, _) = await merchant.ReadAsync(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, charge);
        Assert.Equal(HttpStatusCode.NotFound, read);
    }
}
