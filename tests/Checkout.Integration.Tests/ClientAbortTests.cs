namespace Checkout.Integration.Tests;

using Checkout.Domain.OnDemand;
using Checkout.Domain.Orders;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// A client that goes away after the upstream was asked: the upstream answers after the client cancelled, and what it
/// answered is recorded all the same; the log says the client went away, with no error and no 500.
/// </summary>
public sealed class ClientAbortTests
{
    [Fact]
    public async Task A_shopper_who_leaves_while_Klarna_answers_still_gets_the_order_its_payment_request()
    {
        using var scenario = Scenario.Start("/api/payment-request", []);
        var (app, gate, logs) = (scenario.App, scenario.Gate, scenario.Logs);
        using var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var body = await shopper.PaymentRequestBodyAsync();

        await LeaveOnceHeldAsync(gate, token => shopper.PostPaymentRequestAsync(body, cancellationToken: token));

        await WaitForClientGoneAsync(logs, "/api/payment-request");
        var order = await OrderByKeyAsync(app, Guid.Parse(shopper.CheckoutKey));
        Assert.StartsWith("krn:payment:", order.PaymentRequestId, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.AwaitingShopper, order.Status);
        AssertNoError(logs);
    }

    [Fact]
    public async Task A_shopper_who_leaves_while_the_acquirer_starts_Klarna_still_gets_the_order_its_acquirer_payment()
    {
        using var scenario = Scenario.Start("/api/payment-request", new() { ["Klarna:Flow"] = "AcquirerLed" });
        var (app, gate, logs) = (scenario.App, scenario.Gate, scenario.Logs);
        using var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var body = await shopper.PaymentRequestBodyAsync();

        await LeaveOnceHeldAsync(gate, token => shopper.PostPaymentRequestAsync(body, cancellationToken: token));

        await WaitForClientGoneAsync(logs, "/api/payment-request");
        var order = await OrderByKeyAsync(app, Guid.Parse(shopper.CheckoutKey));
        Assert.False(string.IsNullOrEmpty(order.AcquirerPaymentId));
        Assert.Equal(OrderStatus.AwaitingShopper, order.Status);
        AssertNoError(logs);
    }

    [Fact]
    public async Task A_shopper_who_leaves_while_Klarna_cancels_the_journey_still_gets_the_order_cancelled()
    {
        using var scenario = Scenario.Start("/api/checkouts", []);
        var (app, gate, logs) = (scenario.App, scenario.Gate, scenario.Logs);
        using var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        await shopper.InitiateAsync();

        await LeaveOnceHeldAsync(gate, shopper.CancelAsync);

        await WaitForClientGoneAsync(logs, $"/api/checkouts/{shopper.CheckoutId}/cancel");
        var order = await OrderByKeyAsync(app, Guid.Parse(shopper.CheckoutKey));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        AssertNoError(logs);
    }

    [Theory]
    [InlineData("Direct")]
    [InlineData("AcquirerLed")]
    public async Task A_merchant_app_that_leaves_while_the_acquirer_charges_a_ride_still_gets_the_ride_recorded(string flow)
    {
        using var scenario = Scenario.Start("/api/v1/on-demand/charges", new() { ["Klarna:Flow"] = flow, [RidesMerchant.ApiKeySetting] = RidesMerchant.ApiKey });
        var (app, gate, logs) = (scenario.App, scenario.Gate, scenario.Logs);
        var customer = await RidesMerchant.SignUpRiderAsync(app);
        using var merchant = new RidesMerchant(app);

        await LeaveOnceHeldAsync(gate, token => merchant.ChargeAsync(RidesMerchant.Ride(customer, 1500), $"ride-key-{Guid.NewGuid():N}", token));

        await WaitForClientGoneAsync(logs, "/api/v1/on-demand/charges");
        var charge = await RideOfAsync(app, customer);
        Assert.Equal(OnDemandChargeStatus.Approved, charge.Status);
        Assert.False(string.IsNullOrEmpty(charge.AcquirerPaymentId));
        AssertNoError(logs);
    }

    private sealed class Scenario(CheckoutAppFactory app, UpstreamAfterTheClientLeft gate, CapturedLogs logs) : IDisposable
    {
        public CheckoutAppFactory App { get; } = app;

        public UpstreamAfterTheClientLeft Gate { get; } = gate;

        public CapturedLogs Logs { get; } = logs;

        /// <summary>An app of its own whose upstream calls for <paramref name="heldPath"/> are held until the client left.</summary>
        public static Scenario Start(string heldPath, Dictionary<string, string?> settings)
        {
            var gate = new UpstreamAfterTheClientLeft { Path = heldPath };
            var logs = new CapturedLogs();
            var app = CheckoutAppFactory.With(null, 0, settings, UpstreamAfterTheClientLeft.Into(gate, s => s.AddSingleton<ILoggerProvider>(logs)));
            app.EnsureStarted();
            return new Scenario(app, gate, logs);
        }

        public void Dispose() => App.Dispose();
    }

    /// <summary>Sends the request, and cancels it once the app's call to the upstream is held: the client goes away first.</summary>
    private static async Task LeaveOnceHeldAsync<T>(UpstreamAfterTheClientLeft gate, Func<CancellationToken, Task<T>> send)
    {
        using var leave = new CancellationTokenSource();
        var sent = send(leave.Token);
        await Task.WhenAny(gate.Reached, sent);
        Assert.True(gate.Reached.IsCompleted, "The request was answered before the app called the upstream.");
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent);
    }

    /// <summary>The app logs the client's leaving when the request ends, after what it recorded.</summary>
    private static Task<bool> WaitForClientGoneAsync(CapturedLogs logs, string path) =>
        Eventually.MatchesAsync(
            $"the app to log that the client of {path} went away",
            () => logs.Lines.Any(l => l.Contains("The client went away", StringComparison.Ordinal) && l.Contains(path, StringComparison.Ordinal)),
            gone => gone);

    private static void AssertNoError(CapturedLogs logs) =>
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)
            || l.Contains("StatusCode=500", StringComparison.Ordinal));

    private static async Task<Order> OrderByKeyAsync(CheckoutAppFactory app, Guid checkoutKey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Orders.AsNoTracking().SingleAsync(o => o.CheckoutKey == checkoutKey);
    }

    private static async Task<OnDemandCharge> RideOfAsync(CheckoutAppFactory app, Guid customer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().OnDemandCharges.AsNoTracking().SingleAsync(c => c.CustomerId == customer);
    }
}
