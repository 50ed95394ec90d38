namespace Checkout.Integration.Tests;

using Checkout.Domain.Subscriptions;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>A completed sign-up of a subscription plan starts its subscription once, in both flows; nothing else starts one.</summary>
public sealed class RenewalsSignUpTests
{
    [Theory]
    [InlineData("Direct", "premium-monthly", SubscriptionStatus.Active)]
    [InlineData("Direct", "family-trial", SubscriptionStatus.Trialing)]
    [InlineData("Direct", CheckoutAppFactory.DeclinedPlanId, null)]
    [InlineData("Direct", "rides-on-demand", null)]
    [InlineData("AcquirerLed", "premium-monthly", SubscriptionStatus.Active)]
    [InlineData("AcquirerLed", "family-trial", SubscriptionStatus.Trialing)]
    public async Task A_completed_sign_up_starts_its_subscription_once(string flow, string planId, SubscriptionStatus? expected)
    {
        using var app = CheckoutAppFactory.With(null, 0, new Dictionary<string, string?> { ["Klarna:Flow"] = flow }, null);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync(planId);
        var started = await shopper.InitiateAsync();
        var url = started.GetProperty("paymentRequestUrl").GetString()!;
        var journey = flow == "Direct" ? started.GetProperty("paymentRequestId").GetString()! : url[(url.LastIndexOf('/') + 1)..];
        await shopper.SimulateJourneyAsync(journey, "approve");
        await shopper.WaitForFinalStatusAsync();
        var orderId = Guid.Parse(shopper.CheckoutId);

        if (expected is null)
        {
            await app.Services.GetRequiredService<RenewalScheduler>().RunOnceAsync(CancellationToken.None);
            await using var scope = app.Services.CreateAsyncScope();
            Assert.False(await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().Subscriptions.AnyAsync());
            return;
        }
        await app.WaitForAsync(db => db.Subscriptions.AnyAsync(s => s.Id == orderId));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The completion told again, and the scheduler's catch-up: still the one subscription.
            await scope.ServiceProvider.GetRequiredService<SubscriptionSignUps>().OrderCompletedAsync(orderId, CancellationToken.None);
        }
        await app.Services.GetRequiredService<RenewalScheduler>().RunOnceAsync(CancellationToken.None);

        await using var read = app.Services.CreateAsyncScope();
        var db = read.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
        var plan = CheckoutAppFactory.TestCatalog.Find(planId)!;
        Assert.Equal(orderId, subscription.Id);
        Assert.Equal(expected, subscription.Status);
        Assert.Equal((plan.Price.MinorUnits, "USD"), (subscription.PriceMinorUnits, subscription.Currency));
        Assert.Equal(order.UpdatedAt, subscription.SignedUpAt);
        Assert.Equal(
            plan.FirstBillingDate(DateOnly.FromDateTime(order.UpdatedAt.UtcDateTime)),
            DateOnly.FromDateTime(subscription.NextChargeAt!.Value.UtcDateTime));
        Assert.Equal(1, await db.SubscriptionRenewals.CountAsync());
    }
}
