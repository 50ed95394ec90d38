namespace Checkout.ScaleOut.Tests;

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Checkout.Domain.Tokens;
using Checkout.Web.Authorization;
using Checkout.Web.Completion;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

/// <summary>
/// Two app instances on one PostgreSQL database behind a (simulated) load balancer, sharing one Klarna
/// emulator and acquirer: many checkouts at once, every webhook delivered to both instances at once, twice.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class TwoInstancesTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int OrderCount = 40;
    private const string TrialPlan = "family-trial";
    private static readonly string[] Plans = ["premium-monthly", "rides-on-demand", "premium-monthly", TrialPlan];

    private readonly AcquirerCalls _acquirerCalls = new();
    private SandboxServer _sandbox = null!;
    private AppInstance _a = null!;
    private AppInstance _b = null!;

    private AppInstance[] Instances => [_a, _b];

    public async Task InitializeAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("scaleout");
        _sandbox = await SandboxServer.StartAsync();
        _a = new AppInstance("A", connectionString, _sandbox, _acquirerCalls);
        _b = new AppInstance("B", connectionString, _sandbox, _acquirerCalls);
        // Both start at once on an empty database: migrations and the first Data Protection key race.
        await Task.WhenAll(Task.Run(_a.Start), Task.Run(_b.Start));
        _sandbox.DeliverTo(_a.Root, _b.Root);
    }

    [Fact]
    public async Task Every_order_is_authorized_exactly_once_and_no_webhook_is_lost()
    {
        var clock = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow.AddSeconds(180);

        // Behind a load balancer without sticky sessions: the page from one instance, the Klarna button's call through the
        // other, so antiforgery relies on the shared Data Protection keys.
        var orders = await Task.WhenAll(Enumerable.Range(0, OrderCount).Select(async i =>
        {
            var shopper = Shopper.Start(Instances[i % 2]);
            var plan = Plans[i % Plans.Length];
            await shopper.OpenCheckoutAsync(plan);
            var started = await shopper.Through(Instances[(i + 1) % 2]).InitiateAsync();
            await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
            return (Shopper: shopper, Id: Guid.Parse(shopper.CheckoutId), Plan: plan);
        }));
        output.WriteLine($"{OrderCount} checkouts approved after {clock.Elapsed.TotalSeconds:F1} s");
        var statuses = await Task.WhenAll(orders.Select(async order =>
        {
            using var shopper = order.Shopper;
            return (await shopper.WaitForFinalStatusAsync(Instances, deadline)).GetProperty("status").GetString();
        }));
        Assert.All(statuses, status => Assert.Equal("Completed", status));
        output.WriteLine($"{OrderCount} checkouts final after {clock.Elapsed.TotalSeconds:F1} s");

        await WaitForEveryCompletedWebhookAsync(deadline);
        output.WriteLine($"every completed webhook delivered after {clock.Elapsed.TotalSeconds:F1} s");
        // Klarna's retries may land on any instance: send every event again, to both at once.
        using var http = new HttpClient();
        var replays = await Task.WhenAll(_sandbox.Webhooks.ToArray().Select(w => WebhookRelay.DeliverToAllAsync(http, [_a.Root, _b.Root], w)));
        Assert.All(replays.SelectMany(r => r), status => Assert.Equal(200, status));
        output.WriteLine($"replayed after {clock.Elapsed.TotalSeconds:F1} s");
        await WaitForInboxToDrainAsync(deadline);
        output.WriteLine($"replayed and drained after {clock.Elapsed.TotalSeconds:F1} s");

        await AssertOneAuthorizationPerChargedOrderAsync([.. orders.Select(o => (o.Id, o.Plan))]);
        await AssertEveryWebhookStoredOnceAndProcessedAsync();
        await AssertBothInstancesReadEveryTokenAsync(orders.Select(o => o.Id));
        await AssertSchemaAndKeyRingMadeOnceAsync();

        var byInstance = _acquirerCalls.All.GroupBy(c => c.Instance).Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine($"{OrderCount} orders, {_sandbox.Webhooks.Count} webhook deliveries (each to both instances, then again), "
            + $"acquirer calls by instance {string.Join(", ", byInstance)}, in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Clicks_at_once_on_one_page_open_one_order_on_PostgreSQL()
    {
        using var shopper = Shopper.Start(_a);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var body = await shopper.PaymentRequestBodyAsync();

        // One instance: another builds the return URL from its own address here (a load balancer gives both one host),
        // and Klarna refuses a reused idempotency key with another body.
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => shopper.PostPaymentRequestAsync(body)));

        var started = new List<JsonElement>();
        foreach (var answer in answers)
        {
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
            started.Add(await answer.Content.ReadFromJsonAsync<JsonElement>());
        }
        Assert.Single(started.Select(a => a.GetProperty("checkoutId").GetString()).Distinct());
        Assert.Single(started.Select(a => a.GetProperty("paymentRequestId").GetString()).Distinct());
        var key = Guid.Parse(shopper.CheckoutKey);
        Assert.Equal(1, await _a.WithDatabaseAsync((db, _) => db.Orders.CountAsync(o => o.CheckoutKey == key)));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private async Task AssertOneAuthorizationPerChargedOrderAsync((Guid Id, string Plan)[] orders)
    {
        var charged = orders.Where(o => o.Plan != TrialPlan).Select(o => o.Id).ToList();
        var stored = await _a.WithDatabaseAsync(async (db, _) => await db.Orders.AsNoTracking().ToDictionaryAsync(o => o.Id));
        var pending = await _a.WithDatabaseAsync(async (db, _) => await db.PendingAuthorizations.AsNoTracking().ToListAsync());
        var calls = _acquirerCalls.All.ToArray();

        // The acquirer was asked exactly once per charged order (the leases kept the other instance away),
        // answered with a payment, and that payment is the order's.
        Assert.Equal(
            charged.Select(FirstChargeAuthorizer.IdempotencyKeyFor).Order(StringComparer.Ordinal),
            calls.Select(c => c.IdempotencyKey).Order(StringComparer.Ordinal));
        foreach (var orderId in charged)
        {
            var call = Assert.Single(calls, c => c.IdempotencyKey == FirstChargeAuthorizer.IdempotencyKeyFor(orderId));
            Assert.Equal(200, call.Status);
            Assert.Equal(call.PaymentId, stored[orderId].AcquirerPaymentId);
        }
        Assert.Equal(charged.Count, calls.Select(c => c.PaymentId).Distinct().Count());
        Assert.All(orders.Where(o => o.Plan == TrialPlan), o => Assert.Null(stored[o.Id].AcquirerPaymentId));

        Assert.Equal(charged.Order(), pending.Select(p => p.OrderId).Order());
        Assert.All(pending, p => Assert.True(p.CompletedAt is not null && p.ClaimedBy is null && p.ClaimedUntil is null));
    }

    private async Task AssertEveryWebhookStoredOnceAndProcessedAsync()
    {
        var delivered = _sandbox.Webhooks.Select(EventIdOf).Distinct().Order(StringComparer.Ordinal).ToList();
        var stored = await _a.WithDatabaseAsync(async (db, _) => await db.WebhookEvents.AsNoTracking().ToListAsync());

        Assert.Equal(delivered, stored.Select(e => e.EventId).Order(StringComparer.Ordinal));
        Assert.All(stored, e => Assert.True(
            e.ProcessedAt is not null && e.LastError is null && e.ClaimedBy is null && e.ClaimedUntil is null,
            $"{e.EventId} ({e.EventType}): processed {e.ProcessedAt}, error {e.LastError}, claimed by {e.ClaimedBy}"));
    }

    private async Task AssertBothInstancesReadEveryTokenAsync(IEnumerable<Guid> orderIds)
    {
        foreach (var orderId in orderIds)
        {
            var fromA = await _a.WithDatabaseAsync((_, s) => s.GetRequiredService<ICustomerTokenVault>().FindAsync(orderId, CancellationToken.None));
            var fromB = await _b.WithDatabaseAsync((_, s) => s.GetRequiredService<ICustomerTokenVault>().FindAsync(orderId, CancellationToken.None));
            Assert.NotNull(fromA);
            Assert.Equal(fromA.Value, fromB?.Value);
        }
    }

    private async Task AssertSchemaAndKeyRingMadeOnceAsync()
    {
        var keys = await _a.WithDatabaseAsync(async (db, _) => await db.DataProtectionKeys.CountAsync());
        var migrations = await _a.WithDatabaseAsync(async (db, _) =>
            await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync());
        var known = await _a.WithDatabaseAsync((db, _) => Task.FromResult(db.Database.GetMigrations().ToList()));
        Assert.Equal(1, keys);
        Assert.Equal(known, migrations.Order(StringComparer.Ordinal));
    }

    /// <summary>Each payment request's events arrive in order; its completed event is the last.</summary>
    private async Task WaitForEveryCompletedWebhookAsync(DateTime deadline)
    {
        var requests = await _a.WithDatabaseAsync(async (db, _) => await db.Orders.Select(o => o.PaymentRequestId!).ToListAsync());
        await Eventually.MatchesAsync(
            "every payment request's completed webhook to be delivered",
            () =>
            {
                var completed = _sandbox.Webhooks
                    .Select(w => JsonDocument.Parse(w.Body).RootElement)
                    .Where(e => e.GetProperty("metadata").GetProperty("event_type").GetString() == "payment.request.state-change.completed")
                    .Select(e => e.GetProperty("payload").GetProperty("payment_request_id").GetString())
                    .ToHashSet(StringComparer.Ordinal);
                return $"{requests.Count(r => !completed.Contains(r))} payment requests without their completed webhook";
            },
            missing => missing.StartsWith("0 ", StringComparison.Ordinal),
            deadline - DateTime.UtcNow);
    }

    private async Task WaitForInboxToDrainAsync(DateTime deadline)
    {
        await Eventually.MatchesAsync(
            "the webhook inbox to drain",
            () => _a.WithDatabaseAsync(async (db, _) => await db.WebhookEvents.CountAsync(e => e.ProcessedAt == null)),
            left => left == 0,
            deadline - DateTime.UtcNow);
    }

    private static string EventIdOf(SignedWebhook webhook) =>
        JsonDocument.Parse(webhook.Body).RootElement.GetProperty("metadata").GetProperty("event_id").GetString()!;
}
