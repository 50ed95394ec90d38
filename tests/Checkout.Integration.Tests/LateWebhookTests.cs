namespace Checkout.Integration.Tests;

using Checkout.Web.Completion;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Klarna's webhook never arrives: the return page and the reconciler still finish every order.</summary>
public sealed class LateWebhookTests
{
    private static readonly Dictionary<string, string?> NoWebhooks = new()
    {
        // Nothing listens on port 9: every webhook delivery fails.
        ["Sandbox:Klarna:WebhookUrl"] = "http://127.0.0.1:9/api/webhooks/klarna",
        ["Reconciler:Interval"] = "01:00:00",
        ["Reconciler:MinimumAge"] = "00:00:00",
    };

    [Fact]
    public async Task Return_page_reads_Klarna_when_the_webhook_is_late()
    {
        var app = SharedApp.For(NoWebhooks).App;
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");

        var status = await shopper.WaitForFinalStatusAsync();

        Assert.Equal("Completed", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reconciler_completes_an_order_whose_shopper_never_came_back()
    {
        var app = SharedApp.For(NoWebhooks).App;
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("family-trial");
        var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");

        var reconciler = app.Services.GetRequiredService<Reconciler>();
        await Eventually.MatchesAsync("the reconciler to make the order final", async () =>
        {
            await reconciler.RunOnceAsync(CancellationToken.None);
            return await shopper.StatusAsync();
        }, status => status.GetProperty("final").GetBoolean());

        Assert.Equal("Completed", (await shopper.StatusAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reconciler_cancels_an_abandoned_journey_at_Klarna()
    {
        var settings = new Dictionary<string, string?>(NoWebhooks) { ["Reconciler:AbandonAfter"] = "00:00:00" };
        using var app = CheckoutAppFactory.With(null, 0, settings, null);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        await shopper.InitiateAsync();

        await app.Services.GetRequiredService<Reconciler>().RunOnceAsync(CancellationToken.None);

        var status = await shopper.StatusAsync();
        Assert.Equal("Cancelled", status.GetProperty("status").GetString());
    }
}
