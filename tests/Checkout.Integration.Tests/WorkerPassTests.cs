namespace Checkout.Integration.Tests;

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

    public void Dispose() => _app.Dispose();

    private static Task<Dictionary<string, WebhookEventRecord>> ReadAsync(CheckoutDbContext db, List<string> eventIds) =>
        db.WebhookEvents.AsNoTracking().Where(e => eventIds.Contains(e.EventId)).ToDictionaryAsync(e => e.EventId);
}
