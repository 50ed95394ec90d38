namespace Checkout.Integration.Tests;

using Checkout.Acquiring;
using Checkout.Domain.Orders;
using Checkout.Domain.Tokens;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Completion;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The webhook racing the shopper's return, and the process dying between any two steps: each order is
/// still completed once, with one token and one authorization at the acquirer.
/// </summary>
public sealed class RaceAndRecoveryTests
{
    [Fact]
    public async Task Webhook_and_return_page_racing_authorize_the_order_once()
    {
        var ledger = new AcquirerLedger();
        using var app = CheckoutAppFactory.With(null, 0, null, s => s.Decorate<IAcquirer>((_, inner) => new RecordingAcquirer(inner, ledger)));
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");

        // The webhook is on its way; eight "return page" reads apply Klarna's answer at the same moment.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var klarna = scope.ServiceProvider.GetRequiredService<KlarnaPaymentRequestsClient>();
            var outcome = (await klarna.GetAsync(paymentRequestId, CancellationToken.None))!.ToOutcome(DateTimeOffset.UtcNow)!;
            await scope.ServiceProvider.GetRequiredService<DirectCompletion>().ApplyAsync(outcome, CancellationToken.None);
        }));
        var status = await shopper.WaitForFinalStatusAsync();

        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.Single(ledger.Answers.Select(a => a.PaymentId).Distinct());
        Assert.Single(ledger.Answers.Select(a => a.Key).Distinct());
        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        Assert.Equal(1, await db.CustomerTokens.CountAsync(t => t.OrderId == Guid.Parse(shopper.CheckoutId)));
        Assert.Equal(ledger.Answers.First().PaymentId, (await db.Orders.SingleAsync(o => o.Id == Guid.Parse(shopper.CheckoutId))).AcquirerPaymentId);
    }

    [Fact]
    public async Task Crash_after_the_webhook_was_stored_resumes_on_restart()
    {
        var outcome = await RunCrashAndRestartAsync(s => s.Decorate<ICustomerTokenVault>((_, inner) => new CrashingVault(inner, () => true)));
        Assert.Equal(OrderStatus.Completed, outcome.Order.Status);
        Assert.True(outcome.TokenStored);
        Assert.Single(outcome.Ledger.Answers.Select(a => a.PaymentId).Distinct());
    }

    [Fact]
    public async Task Crash_before_the_acquirer_was_asked_authorizes_once_on_restart()
    {
        var outcome = await RunCrashAndRestartAsync(ledger =>
            s => s.Decorate<IAcquirer>((_, inner) => new RecordingAcquirer(inner, ledger, crashBefore: () => true)));
        Assert.Equal(OrderStatus.Completed, outcome.Order.Status);
        Assert.Single(outcome.Ledger.Answers);
        Assert.Equal(outcome.Ledger.Answers.Single().PaymentId, outcome.Order.AcquirerPaymentId);
    }

    [Fact]
    public async Task Crash_after_the_acquirer_answered_does_not_charge_twice()
    {
        var outcome = await RunCrashAndRestartAsync(ledger =>
            s => s.Decorate<IAcquirer>((_, inner) => new RecordingAcquirer(inner, ledger, crashAfter: () => true)));
        Assert.Equal(OrderStatus.Completed, outcome.Order.Status);
        Assert.True(outcome.Ledger.Answers.Count >= 2, "The acquirer should have been asked again after the restart.");
        Assert.Single(outcome.Ledger.Answers.Select(a => a.PaymentId).Distinct());
        Assert.Equal(outcome.Ledger.Answers.First().PaymentId, outcome.Order.AcquirerPaymentId);
    }

    private static Task<CrashOutcome> RunCrashAndRestartAsync(Action<IServiceCollection> crashingServices) =>
        RunCrashAndRestartAsync(_ => crashingServices);

    /// <summary>
    /// Runs a checkout on an app that fails at one step, stops it there, starts a fresh app on the same
    /// database and port (the emulator lives outside both), and returns where the order ended.
    /// </summary>
    private static async Task<CrashOutcome> RunCrashAndRestartAsync(Func<AcquirerLedger, Action<IServiceCollection>> crashingServices)
    {
        var ledger = new AcquirerLedger();
        var port = Ports.Free();
        var database = CheckoutAppFactory.NewDatabasePath();
        await using var emulator = EmulatorHost.ForApp(port);
        try
        {
            string checkoutId;
            using (var first = CheckoutAppFactory.With(database, port, null, crashingServices(ledger), emulator))
            {
                var shopper = Shopper.Start(first);
                await shopper.OpenCheckoutAsync("premium-monthly");
                var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
                await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
                await first.WaitForAsync(db => db.WebhookEvents.AnyAsync(e => e.Attempts > 0));
                checkoutId = shopper.CheckoutId;
                Assert.False((await StatusAsync(first, checkoutId)).IsFinal());
            }

            using var second = CheckoutAppFactory.With(database, port, null,
                s => s.Decorate<IAcquirer>((_, inner) => new RecordingAcquirer(inner, ledger)), emulator);
            second.EnsureStarted();
            await second.WaitForAsync(db => db.Orders.AnyAsync(o => o.Id == Guid.Parse(checkoutId) && o.Status == OrderStatus.Completed));
            await using var scope = second.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            return new CrashOutcome(
                await db.Orders.AsNoTracking().SingleAsync(o => o.Id == Guid.Parse(checkoutId)),
                await db.CustomerTokens.AnyAsync(t => t.OrderId == Guid.Parse(checkoutId)),
                ledger);
        }
        finally
        {
            CheckoutAppFactory.DeleteDatabase(database);
        }
    }

    private static async Task<OrderStatus> StatusAsync(CheckoutAppFactory app, string checkoutId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Orders.AsNoTracking().SingleAsync(o => o.Id == Guid.Parse(checkoutId))).Status;
    }

    private sealed record CrashOutcome(Order Order, bool TokenStored, AcquirerLedger Ledger);
}
