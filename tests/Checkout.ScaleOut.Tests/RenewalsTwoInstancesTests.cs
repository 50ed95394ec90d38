namespace Checkout.ScaleOut.Tests;

using System.Diagnostics;
using Checkout.Acquiring;
using Checkout.Domain.Subscriptions;
using Checkout.Domain.Tokens;
using Checkout.Web.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

/// <summary>
/// Two app instances on one PostgreSQL database, both schedulers running, many subscriptions due at once: every
/// period is charged exactly once, counted at one test acquirer both instances charge through.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class RenewalsTwoInstancesTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int SubscriptionCount = 120;

    private readonly TokenChargeLedger _ledger = new();
    private readonly ConcurrentInstances _calledBy = new();
    private SandboxServer _sandbox = null!;
    private AppInstance _a = null!;
    private AppInstance _b = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("renewals");
        _sandbox = await SandboxServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Renewals:PollInterval"] = "00:00:00.200", ["Renewals:BatchSize"] = "25" };
        _a = new AppInstance("A", connectionString, _sandbox, new AcquirerCalls(), settings, Charger("A"));
        _b = new AppInstance("B", connectionString, _sandbox, new AcquirerCalls(), settings, Charger("B"));
        await Task.WhenAll(Task.Run(_a.Start), Task.Run(_b.Start));
    }

    [Fact]
    public async Task Many_subscriptions_due_at_once_are_each_charged_once_by_two_instances()
    {
        var clock = Stopwatch.StartNew();
        // Signed up a month and an hour ago: every first renewal is due now, for both schedulers at once.
        var signedUpAt = DateTimeOffset.UtcNow.AddMonths(-1).AddHours(-1);
        var plan = CheckoutAppFactory.TestCatalog.Find("premium-monthly")!;
        var subscriptions = Enumerable.Range(0, SubscriptionCount)
            .Select(_ => Subscription.Start(new SignUp(Guid.NewGuid(), plan.Id, plan.DueNow, signedUpAt), plan))
            .ToList();
        await _a.WithDatabaseAsync(async (_, services) =>
        {
            var vault = services.GetRequiredService<ICustomerTokenVault>();
            var store = services.GetRequiredService<SubscriptionStore>();
            foreach (var subscription in subscriptions)
            {
                await vault.SaveAsync(subscription.Id, plan.TokenScope, new CustomerToken($"krn:test:{subscription.Id:N}", null), CancellationToken.None);
                Assert.True(await store.TryAddAsync(subscription, CancellationToken.None));
            }
            return 0;
        });
        output.WriteLine($"{SubscriptionCount} subscriptions due after {clock.Elapsed.TotalSeconds:F1} s");

        await Eventually.MatchesAsync(
            "every subscription to be renewed (subscriptions left)",
            () => _a.WithDatabaseAsync((db, _) => db.Subscriptions.CountAsync(s => s.CurrentPeriodNumber < 2)),
            left => left == 0);
        output.WriteLine($"renewed after {clock.Elapsed.TotalSeconds:F1} s; calls by instance {_calledBy}");
        // A few more passes of both schedulers find nothing to charge.
        await Task.Delay(1000);

        var expected = subscriptions.Select(s => RenewalCharge.KeyFor(s.Id, 2) + "-attempt-1").Order(StringComparer.Ordinal);
        Assert.Equal(expected, _ledger.Calls.Select(c => c.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.Equal(SubscriptionCount, _ledger.Charges.Count);
        var stored = await _a.WithDatabaseAsync((db, _) => db.Subscriptions.AsNoTracking().ToListAsync());
        Assert.All(stored, s => Assert.Equal((SubscriptionStatus.Active, 2, 1), (s.Status, s.CurrentPeriodNumber, s.Attempts.Count)));
        var work = await _a.WithDatabaseAsync((db, _) => db.SubscriptionRenewals.AsNoTracking().ToListAsync());
        Assert.All(work, w => Assert.True(w.InFlightKey is null && w.ClaimedBy is null));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private Action<IServiceCollection> Charger(string instance) =>
        services => services.AddSingleton<ITokenCharger>(new CountingCharger(new RecordingTokenCharger(_ledger, TimeSpan.FromMilliseconds(5)), _calledBy, instance));

    private sealed class ConcurrentInstances
    {
        private int _a;
        private int _b;

        public void Add(string instance)
        {
            if (instance == "A")
            {
                Interlocked.Increment(ref _a);
            }
            else
            {
                Interlocked.Increment(ref _b);
            }
        }

        public override string ToString() => $"A: {_a}, B: {_b}";
    }

    private sealed class CountingCharger(ITokenCharger inner, ConcurrentInstances calledBy, string instance) : ITokenCharger
    {
        public Task<TokenChargeResult> ChargeAsync(TokenChargeRequest request, CancellationToken cancellationToken)
        {
            calledBy.Add(instance);
            return inner.ChargeAsync(request, cancellationToken);
        }
    }
}
