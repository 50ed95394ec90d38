namespace Checkout.Integration.Tests;

using Checkout.Acquiring;
using Checkout.Domain.Subscriptions;
using Checkout.Domain.Tokens;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// The app with a fake clock and a recording token charger; its scheduler only runs when a test asks (its poll
/// interval is an hour), so a test moves the clock and runs passes itself.
/// </summary>
public sealed class RenewalsHarness : IDisposable
{
    public RenewalsHarness(
        FakeTimeProvider clock, TokenChargeLedger ledger, string? databasePath = null, TimeSpan? chargeDelay = null,
        IDictionary<string, string?>? settings = null)
    {
        Clock = clock;
        Ledger = ledger;
        Charger = new RecordingTokenCharger(ledger, chargeDelay);
        App = CheckoutAppFactory.With(
            databasePath,
            0,
            new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Renewals:PollInterval"] = "01:00:00" },
            services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton<ITokenCharger>(Charger);
            });
        App.EnsureStarted();
    }

    public CheckoutAppFactory App { get; }

    public FakeTimeProvider Clock { get; }

    public TokenChargeLedger Ledger { get; }

    public RecordingTokenCharger Charger { get; }

    /// <summary>
    /// A completed sign-up's subscription with its customer token, as the sign-up would store them, at the fake clock's
    /// now; returned as stored (SQLite keeps instants to the millisecond).
    /// </summary>
    public async Task<Subscription> SignUpAsync(string planId, Guid? orderId = null)
    {
        var plan = CheckoutAppFactory.TestCatalog.Find(planId)!;
        var id = orderId ?? Guid.NewGuid();
        var subscription = Subscription.Start(new SignUp(id, plan.Id, plan.DueNow, Clock.GetUtcNow()), plan);
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ICustomerTokenVault>()
            .SaveAsync(id, plan.TokenScope, new CustomerToken($"krn:test:customer-token:{id:N}", id.ToString("N")), CancellationToken.None);
        Assert.True(await scope.ServiceProvider.GetRequiredService<SubscriptionStore>().TryAddAsync(subscription, CancellationToken.None));
        return await FindAsync(id);
    }

    public Task<int> RunSchedulerAsync() => App.Services.GetRequiredService<RenewalScheduler>().RunOnceAsync(CancellationToken.None);

    public async Task<Subscription> FindAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<SubscriptionStore>().FindAsync(id, CancellationToken.None))!;
    }

    public async Task<SubscriptionRenewal> WorkAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().SubscriptionRenewals.AsNoTracking().SingleAsync(r => r.SubscriptionId == id);
    }

    /// <summary>Moves the clock to just after the subscription's next charge (or <paramref name="at"/>).</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        if (at > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(at);
        }
    }

    public void Dispose() => App.Dispose();
}
