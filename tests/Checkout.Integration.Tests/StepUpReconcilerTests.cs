namespace Checkout.Integration.Tests;

using System.Net;
using System.Text.Json;
using Checkout.Web.OnDemand;
using Checkout.Web.TestClock;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A stepped-up ride whose acquirer callback never comes is settled like an order whose webhook never came: read from
/// the acquirer where its adapter can, else expired once no journey can finish it (<c>OnDemand:StepUpLifetime</c>).
/// </summary>
public sealed class StepUpReconcilerTests
{
    private static Dictionary<string, string?> Settings(string flow, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Klarna:Flow"] = flow,
            [RidesMerchant.ApiKeySetting] = RidesMerchant.ApiKey,
            ["Reconciler:Interval"] = "01:00:00",
            ["Reconciler:MinimumAge"] = "00:00:00",
            ["TestClock:Enabled"] = "true",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    [Fact]
    public async Task A_ride_the_shopper_approved_whose_callback_was_lost_is_read_from_the_acquirer_and_approved()
    {
        // The acquirer's callbacks go nowhere; the sign-up completes by the return page's read, the ride only by the pass.
        using var app = CheckoutAppFactory.With(null, 0, Settings("AcquirerLed", ("Sandbox:Acquirer:CallbackUrl", "http://127.0.0.1:9/api/webhooks/acquirer")), null);
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);
        var (_, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1542), $"ride-key-{Guid.NewGuid():N}");
        Assert.Equal("step_up_required", charge.GetProperty("status").GetString());
        var chargeId = charge.GetProperty("chargeId").GetGuid();

        using var shopper = Shopper.Start(app);
        await shopper.SimulateJourneyAsync(RidesMerchant.JourneyId(charge.GetProperty("purchaseJourneyUrl").GetString()!), "approve");
        var settled = await PassesUntilSettledAsync(app, merchant, chargeId);

        Assert.Equal("approved", settled.GetProperty("status").GetString());
        Assert.StartsWith("krn:payment:", settled.GetProperty("paymentTransactionId").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Direct")]
    [InlineData("AcquirerLed")]
    public async Task A_ride_whose_step_up_is_never_finished_waits_its_lifetime_then_expires_with_nothing_charged(string flow)
    {
        using var app = CheckoutAppFactory.With(null, 0, Settings(flow, ("OnDemand:StepUpLifetime", "02:00:00")), null);
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);
        var (_, charge) = await merchant.ChargeAsync(RidesMerchant.Ride(customer, 1542), $"ride-key-{Guid.NewGuid():N}");
        var chargeId = charge.GetProperty("chargeId").GetGuid();
        var reconciler = app.Services.GetRequiredService<StepUpReconciler>();

        Assert.Equal(1, await reconciler.RunOnceAsync(CancellationToken.None));
        Assert.Equal("step_up_required", (await merchant.ReadAsync(chargeId)).Body.GetProperty("status").GetString());

        app.Services.GetRequiredService<AdjustableClock>().Advance(TimeSpan.FromHours(2));
        await reconciler.RunOnceAsync(CancellationToken.None);

        var (status, expired) = await merchant.ReadAsync(chargeId);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Equal(StepUpReconciler.ExpiredReason, expired.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, expired.GetProperty("purchaseJourneyUrl").ValueKind);
        Assert.Equal(0, await reconciler.RunOnceAsync(CancellationToken.None));
        using var shopper = Shopper.Start(app);
        var page = await (await shopper.GetAsync($"on-demand/charges/{chargeId}/return")).Content.ReadAsStringAsync();
        Assert.Contains("data-status=\"expired\"", page, StringComparison.Ordinal);
    }

    /// <summary>Runs reconciler passes until the ride is settled: the acquirer finalizes with Klarna shortly after the journey.</summary>
    private static Task<JsonElement> PassesUntilSettledAsync(CheckoutAppFactory app, RidesMerchant merchant, Guid chargeId)
    {
        var reconciler = app.Services.GetRequiredService<StepUpReconciler>();
        return Eventually.MatchesAsync(
            $"ride {chargeId} to be settled by reconciler passes",
            async () =>
            {
                await reconciler.RunOnceAsync(CancellationToken.None);
                return (await merchant.ReadAsync(chargeId)).Body;
            },
            charge => charge.GetProperty("status").GetString() != "step_up_required");
    }
}
