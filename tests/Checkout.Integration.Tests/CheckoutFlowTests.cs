namespace Checkout.Integration.Tests;

using Checkout.Domain.Tokens;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The shopper's whole journey over HTTP, against the in-process Klarna and acquirer sandbox. Public material disagrees
/// on where Klarna's completed webhook carries its tokens, so every journey that completes runs against each placement
/// the emulator offers, and the webhook alone must carry what the order needs (no read back from Klarna).
/// </summary>
public sealed class CheckoutFlowTests
{
    // The shared app whose emulator uses the theory's token placement; the default app for the other tests.
    private CheckoutAppFactory app = SharedApp.Default.App;
    private CapturedLogs logs = SharedApp.Default.Logs;

    [Theory]
    [MemberData(nameof(TokenPlacements))]
    public async Task Subscription_with_first_charge_ends_active_with_token_and_approved_payment(string placement)
    {
        UseTokenPlacement(placement);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var started = await shopper.InitiateAsync();
        var paymentRequestId = started.GetProperty("paymentRequestId").GetString()!;
        Assert.StartsWith("http", started.GetProperty("paymentRequestUrl").GetString(), StringComparison.Ordinal);

        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
        var status = await shopper.WaitForFinalStatusAsync();
        AssertTheWebhookAloneCarriedTheTokens(shopper);

        Assert.Equal("Completed", status.GetProperty("status").GetString());
        var order = await FindOrderAsync(shopper.CheckoutId);
        Assert.NotNull(order.AcquirerPaymentId);
        Assert.Equal("payment:customer_not_present", (await FindTokenRecordAsync(shopper.CheckoutId))!.Scope);
        Assert.Contains("Your subscription is active", await shopper.ConfirmationPageAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TokenPlacements))]
    public async Task Free_trial_stores_the_token_and_authorizes_nothing(string placement)
    {
        UseTokenPlacement(placement);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("family-trial");
        var started = await shopper.InitiateAsync();

        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
        var status = await shopper.WaitForFinalStatusAsync();
        AssertTheWebhookAloneCarriedTheTokens(shopper);

        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Null((await FindOrderAsync(shopper.CheckoutId)).AcquirerPaymentId);
        Assert.NotNull(await FindTokenAsync(shopper.CheckoutId));
        Assert.Contains("Your free trial has started", await shopper.ConfirmationPageAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TokenPlacements))]
    public async Task On_demand_sign_up_saves_a_customer_present_token_and_charges_the_starting_credit(string placement)
    {
        UseTokenPlacement(placement);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("rides-on-demand");
        var started = await shopper.InitiateAsync();

        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
        var status = await shopper.WaitForFinalStatusAsync();
        AssertTheWebhookAloneCarriedTheTokens(shopper);

        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Equal("payment:customer_present", (await FindTokenRecordAsync(shopper.CheckoutId))!.Scope);
        Assert.NotNull((await FindOrderAsync(shopper.CheckoutId)).AcquirerPaymentId);
        Assert.Contains("Klarna is saved for your rides", await shopper.ConfirmationPageAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TokenPlacements))]
    public async Task Declined_first_payment_keeps_the_customer_token(string placement)
    {
        UseTokenPlacement(placement);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync(CheckoutAppFactory.DeclinedPlanId);
        var started = await shopper.InitiateAsync();

        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
        var status = await shopper.WaitForFinalStatusAsync();
        AssertTheWebhookAloneCarriedTheTokens(shopper);

        Assert.Equal("PaymentDeclined", status.GetProperty("status").GetString());
        Assert.NotNull(await FindTokenAsync(shopper.CheckoutId));
        Assert.Contains("first payment was declined", await shopper.ConfirmationPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shopper_declined_by_Klarna_gets_no_token_and_a_way_back()
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var started = await shopper.InitiateAsync();

        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve", "customer+us+denied@klarna.com");
        var status = await shopper.WaitForFinalStatusAsync();

        Assert.Equal("KlarnaDeclined", status.GetProperty("status").GetString());
        Assert.Null(await FindTokenAsync(shopper.CheckoutId));
        Assert.Contains("Try again", await shopper.ConfirmationPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aborted_journey_cancels_the_order_and_offers_to_try_again()
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var started = await shopper.InitiateAsync();

        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "abort");
        var status = await shopper.WaitForFinalStatusAsync();

        Assert.Equal("Cancelled", status.GetProperty("status").GetString());
        Assert.Contains("You cancelled", await shopper.ConfirmationPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clicking_the_button_twice_reuses_one_payment_request()
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");

        var first = await shopper.InitiateAsync();
        var second = await shopper.InitiateAsync();

        Assert.Equal(first.GetProperty("paymentRequestId").GetString(), second.GetProperty("paymentRequestId").GetString());
    }

    [Theory]
    [MemberData(nameof(TokenPlacements))]
    public async Task Customer_token_is_encrypted_at_rest(string placement)
    {
        UseTokenPlacement(placement);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("family-trial");
        var started = await shopper.InitiateAsync();
        var completed = await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
        await shopper.WaitForFinalStatusAsync();
        AssertTheWebhookAloneCarriedTheTokens(shopper);

        var token = completed.GetProperty("state_context").GetProperty("klarna_customer").GetProperty("customer_token").GetString()!;
        var record = await FindTokenRecordAsync(shopper.CheckoutId);
        Assert.DoesNotContain(token, record!.ProtectedToken, StringComparison.Ordinal);
        Assert.Equal(token, (await FindTokenAsync(shopper.CheckoutId))!.Value);
    }

    public static TheoryData<string> TokenPlacements => ["Payload", "StateContext", "Both"];

    private void UseTokenPlacement(string placement)
    {
        var shared = SharedApp.WithTokenPlacement(placement);
        app = shared.App;
        logs = shared.Logs;
    }

    /// <summary>The app read back from Klarna only if the completed webhook lacked a token where it looked.</summary>
    private void AssertTheWebhookAloneCarriedTheTokens(Shopper shopper) =>
        Assert.DoesNotContain(logs.Lines, line => line.Contains(shopper.CheckoutId, StringComparison.Ordinal) && line.Contains("lacked a token", StringComparison.Ordinal));

    private async Task<Checkout.Domain.Orders.Order> FindOrderAsync(string checkoutId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Id == Guid.Parse(checkoutId));
    }

    private async Task<CustomerTokenRecord?> FindTokenRecordAsync(string checkoutId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        return await db.CustomerTokens.AsNoTracking().SingleOrDefaultAsync(t => t.OrderId == Guid.Parse(checkoutId));
    }

    private async Task<CustomerToken?> FindTokenAsync(string checkoutId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ICustomerTokenVault>().FindAsync(Guid.Parse(checkoutId), CancellationToken.None);
    }
}
