namespace Checkout.Integration.Tests;

using System.Text.Json;
using Checkout.Acquiring;
using Checkout.Domain.Orders;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The worker processes the events it claimed together in one pass; one that fails must not hold back the
/// others claimed with it, and is itself given back with its error for a later attempt.
/// </summary>
public sealed class WorkerPassTests : IDisposable
{
    private readonly CheckoutAppFactory _app = CheckoutAppFactory.With(null, 0, null, null);

    [Fact]
    public async Task A_failing_event_is_retried_later_while_the_events_claimed_with_it_are_processed_in_the_same_pass()
    {
        _app.EnsureStarted();
        var run = Guid.NewGuid().ToString("N");
        var good = new[] { $"pass-{run}-1", $"pass-{run}-3", $"pass-{run}-4" };
        var failing = $"pass-{run}-2";
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
            // Nothing for an order in it: the worker records it as unusable and marks it processed.
            var unusable = scope.ServiceProvider.GetRequiredService<SecretProtector>().Protect("{}");
            var now = DateTimeOffset.UtcNow;
            // One transaction, so the worker sees all four at once and claims them together, the failing one second.
            db.WebhookEvents.AddRange(new[] { good[0], failing, good[1], good[2] }.Select((id, i) => new WebhookEventRecord
            {
                EventId = id,
                EventType = "payment.request.state-change.completed",
                ProtectedBody = id == failing ? "not protected by this app" : unusable,
                ReceivedAt = now.AddMilliseconds(i),
                NextAttemptAt = now,
            }));
            await db.SaveChangesAsync();
        }

        var ids = good.Append(failing).ToList();
        await _app.WaitForAsync(async db =>
        {
            var r = await ReadAsync(db, ids);
            return r[failing].Attempts > 0 && good.All(id => r[id].ProcessedAt is not null);
        });
        Dictionary<string, WebhookEventRecord> rows;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            rows = await ReadAsync(scope.ServiceProvider.GetRequiredService<CheckoutDbContext>(), ids);
        }

        Assert.Single(good.Select(id => rows[id].ProcessedAt).Distinct());
        var failed = rows[failing];
        // At least one attempt: on a slow machine its retry (2 s later) may already have run before this read.
        Assert.True(failed.Attempts >= 1);
        Assert.Null(failed.ProcessedAt);
        Assert.StartsWith("CryptographicException", failed.LastError, StringComparison.Ordinal);
        Assert.True(failed.NextAttemptAt > rows[good[0]].ProcessedAt, "the failed event waits before its next attempt");
    }

    [Fact]
    public async Task Completions_for_several_orders_claimed_in_one_pass_each_complete_their_own_order_once()
    {
        var ledger = new AcquirerLedger();
        // Nothing listens on port 9: the emulator's own webhooks never arrive, so only the events stored below do.
        using var app = CheckoutAppFactory.With(
            null, 0, new Dictionary<string, string?> { ["Sandbox:Klarna:WebhookUrl"] = "http://127.0.0.1:9/api/webhooks/klarna" },
            s => s.Decorate<IAcquirer>((_, inner) => new RecordingAcquirer(inner, ledger)));
        var webhooks = new KlarnaWebhooks(app);
        var shoppers = new List<Shopper>();
        var bodies = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var shopper = Shopper.Start(app);
            await shopper.OpenCheckoutAsync("premium-monthly");
            var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
            await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
            shoppers.Add(shopper);
            bodies.Add(await webhooks.EnvelopeFromKlarnaAsync(paymentRequestId));
        }
        // Klarna telling the first order's completion twice, under two event ids, in the same batch.
        bodies.Insert(1, await webhooks.EnvelopeFromKlarnaAsync(JsonDocument.Parse(bodies[0]).RootElement
            .GetProperty("payload").GetProperty("payment_request_id").GetString()!));
        var eventIds = bodies.ConvertAll(KlarnaWebhooks.EventIdOf);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var protector = scope.ServiceProvider.GetRequiredService<SecretProtector>();
            var now = DateTimeOffset.UtcNow;
            // One transaction, so the worker claims the four together.
            scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().WebhookEvents.AddRange(bodies.Select((body, i) => new WebhookEventRecord
            {
                EventId = eventIds[i],
                EventType = "payment.request.state-change.completed",
                ProtectedBody = protector.Protect(body),
                ReceivedAt = now.AddMilliseconds(i),
                NextAttemptAt = now,
            }));
            await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().SaveChangesAsync();
        }

        await app.WaitForAsync(async db => await db.WebhookEvents.CountAsync(e => eventIds.Contains(e.EventId) && e.ProcessedAt != null) == 4);

        var orderIds = shoppers.ConvertAll(s => Guid.Parse(s.CheckoutId));
        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        var orders = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToListAsync();
        Assert.All(orders, o => Assert.Equal(OrderStatus.Completed, o.Status));
        Assert.Equal(3, ledger.Answers.Count);
        Assert.Equal(orders.Select(o => o.AcquirerPaymentId).Order(), ledger.Answers.Select(a => a.PaymentId).Order());
        Assert.Equal(3, await db.CustomerTokens.CountAsync(t => orderIds.Contains(t.OrderId)));
    }

    public void Dispose() => _app.Dispose();

    private static Task<Dictionary<string, WebhookEventRecord>> ReadAsync(CheckoutDbContext db, List<string> eventIds) =>
        db.WebhookEvents.AsNoTracking().Where(e => eventIds.Contains(e.EventId)).ToDictionaryAsync(e => e.EventId);
}
