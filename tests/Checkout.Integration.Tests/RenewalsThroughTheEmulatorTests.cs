namespace Checkout.Integration.Tests;

using System.Text.Json;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// A month after a real sign-up, the scheduler charges the stored token through the configured acquirer adapter and the
/// emulator answers by its test rules: both flows, approved and declined; a revoked token Klarna declines without
/// a reason code is dunned like any decline and ends canceled.
/// </summary>
public sealed class RenewalsThroughTheEmulatorTests
{
    [Theory]
    [InlineData("Direct", "customer+us@klarna.com", SubscriptionStatus.Active, 2)]
    [InlineData("Direct", "customer+us+decline-renewals@klarna.com", SubscriptionStatus.PastDue, 1)]
    [InlineData("AcquirerLed", "customer+us@klarna.com", SubscriptionStatus.Active, 2)]
    [InlineData("AcquirerLed", "customer+us+decline-renewals@klarna.com", SubscriptionStatus.PastDue, 1)]
    public async Task A_month_later_the_token_is_charged_and_the_answer_recorded(string flow, string email, SubscriptionStatus expected, int period)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = Start(clock, new() { ["Klarna:Flow"] = flow });
        var subscriptionId = await SignUpAsync(app, email);
        var signedUp = await FindAsync(app, subscriptionId);

        clock.SetUtcNow(signedUp.NextChargeAt!.Value + TimeSpan.FromSeconds(1));
        await app.Services.GetRequiredService<RenewalScheduler>().RunOnceAsync(CancellationToken.None);

        var renewed = await FindAsync(app, subscriptionId);
        Assert.Equal((expected, period), (renewed.Status, renewed.CurrentPeriodNumber));
        var attempt = Assert.Single(renewed.Attempts);
        Assert.Equal((2, 1), (attempt.PeriodNumber, attempt.AttemptNumber));
        if (expected == SubscriptionStatus.PastDue)
        {
            Assert.Equal(RenewalResult.Declined, attempt.Result);
            Assert.False(string.IsNullOrWhiteSpace(attempt.Reason));
        }
    }

    [Fact]
    public async Task A_revoked_token_klarna_declines_without_a_reason_is_dunned_then_canceled_with_nothing_more_due()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = Start(clock, new() { ["Sandbox:Klarna:TokenChargeDeclineReasons"] = "Omitted" });
        var subscriptionId = await SignUpAsync(app, "customer+us@klarna.com");
        await KlarnaTokens.RevokeAsync(app, subscriptionId);
        var scheduler = app.Services.GetRequiredService<RenewalScheduler>();

        // The first charge and the dunning schedule's three retries (1, 3 and 7 days after the first decline).
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var due = (await FindAsync(app, subscriptionId)).NextChargeAt;
            Assert.NotNull(due);
            clock.SetUtcNow(due.Value + TimeSpan.FromSeconds(1));
            await scheduler.RunOnceAsync(CancellationToken.None);
        }
        // Nothing is due any more: no further scheduler pass charges it.
        await scheduler.RunOnceAsync(CancellationToken.None);

        var ended = await FindAsync(app, subscriptionId);
        Assert.Equal(SubscriptionStatus.Canceled, ended.Status);
        Assert.Null(ended.NextChargeAt);
        Assert.Equal(4, ended.Attempts.Count);
        Assert.All(ended.Attempts, attempt => Assert.Equal(RenewalResult.Declined, attempt.Result));
    }

    private static CheckoutAppFactory Start(FakeTimeProvider clock, Dictionary<string, string?> settings)
    {
        settings["Renewals:PollInterval"] = "01:00:00";
        return CheckoutAppFactory.With(
            null,
            0,
            settings,
            services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
    }

    /// <summary>A real sign-up to the monthly plan as <paramref name="email"/>; the subscription's id.</summary>
    private static async Task<Guid> SignUpAsync(CheckoutAppFactory app, string email)
    {
        using var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var started = await shopper.InitiateAsync();
        await shopper.SimulateJourneyAsync(PaymentRequestId(started), "approve", email);
        Assert.Equal("Completed", (await shopper.WaitForFinalStatusAsync()).GetProperty("status").GetString());
        var subscriptionId = Guid.Parse(shopper.CheckoutId);
        // The subscription starts right after the order completes, on the worker's side.
        await app.WaitForAsync(db => db.Subscriptions.AnyAsync(s => s.Id == subscriptionId));
        return subscriptionId;
    }

    private static string PaymentRequestId(JsonElement started) =>
        started.TryGetProperty("paymentRequestId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : "krn:payment:eu1:request:" + new Uri(started.GetProperty("paymentRequestUrl").GetString()!).Segments[^1];

    private static async Task<Subscription> FindAsync(CheckoutAppFactory app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<SubscriptionStore>().FindAsync(id, CancellationToken.None);
        Assert.NotNull(found);
        return found;
    }
}
