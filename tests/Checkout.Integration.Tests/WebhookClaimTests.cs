namespace Checkout.Integration.Tests;

using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The worker's claims on webhook events on SQLite, the default database: an event is processed by one claimer
/// at a time, a claimer whose lease lapsed cannot mark it done, and finishing a batch releases exactly what the
/// claimer held. The events are due in a day, so the
/// app's own worker leaves them alone; the claims below look at them from two days ahead. (The same rules on
/// PostgreSQL: Checkout.ScaleOut.Tests' WorkLeaseTests.)
/// </summary>
public sealed class WebhookClaimTests : IDisposable
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddDays(2);

    private readonly CheckoutAppFactory _app = CheckoutAppFactory.With(null, 0, null, null);

    [Fact]
    public async Task An_event_whose_lease_lapsed_goes_to_the_next_claimer_and_the_first_can_no_longer_finish_it()
    {
        var eventId = (await StoreEventsDueTomorrowAsync(1)).Single();
        var slow = new WorkClaim("instance-a/1", Later, Later.AddMinutes(2));
        Assert.Equal([eventId], await ClaimAsync(slow, 10));

        var next = await ClaimAsync(new WorkClaim("instance-b/1", Later.AddMinutes(3), Later.AddMinutes(5)), 10);
        int finishedLate;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            finishedLate = await scope.ServiceProvider.GetRequiredService<WebhookInbox>().FinishAsync(slow, [eventId], CancellationToken.None);
        }

        Assert.Equal([eventId], next);
        Assert.Equal(0, finishedLate);
        var row = (await ReadAsync([eventId]))[eventId];
        Assert.Equal(("instance-b/1", (DateTimeOffset?)null), (row.ClaimedBy, row.ProcessedAt));
    }

    [Fact]
    public async Task Finishing_marks_the_processed_events_and_gives_back_the_rest_but_not_another_claimers()
    {
        var eventIds = await StoreEventsDueTomorrowAsync(4);
        var mine = new WorkClaim("instance-a/1", Later, Later.AddMinutes(2));
        var claimed = await ClaimAsync(mine, 3);
        var theirs = await ClaimAsync(new WorkClaim("instance-b/1", Later, Later.AddMinutes(2)), 10);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<WebhookInbox>().FinishAsync(mine, [claimed[0]], CancellationToken.None));
        }

        var rows = await ReadAsync(eventIds);
        Assert.NotNull(rows[claimed[0]].ProcessedAt);
        Assert.All(claimed.Skip(1), id => Assert.Equal((null, null, null), (rows[id].ProcessedAt, rows[id].ClaimedBy, rows[id].ClaimedUntil)));
        Assert.Equal(("instance-b/1", (DateTimeOffset?)null), (rows[theirs.Single()].ClaimedBy, rows[theirs.Single()].ProcessedAt));
        Assert.Equal(
            claimed.Skip(1).Order(StringComparer.Ordinal),
            (await ClaimAsync(new WorkClaim("instance-a/2", Later.AddMinutes(1), Later.AddMinutes(3)), 10)).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _app.Dispose();

    private async Task<List<string>> StoreEventsDueTomorrowAsync(int count)
    {
        _app.EnsureStarted();
        var ids = Enumerable.Range(0, count).Select(i => $"claim-test-{i:D2}-{Guid.NewGuid():N}").ToList();
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.WebhookEvents.AddRange(ids.Select((id, i) => new WebhookEventRecord
        {
            EventId = id, EventType = "test.claim", ProtectedBody = "-", ReceivedAt = now.AddMilliseconds(i), NextAttemptAt = now.AddDays(1),
        }));
        await db.SaveChangesAsync();
        return ids;
    }

    private async Task<List<string>> ClaimAsync(WorkClaim claim, int max)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<WebhookInbox>().ClaimDueAsync(claim, max, CancellationToken.None)).ConvertAll(e => e.EventId);
    }

    private async Task<Dictionary<string, WebhookEventRecord>> ReadAsync(List<string> eventIds)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CheckoutDbContext>().WebhookEvents.AsNoTracking()
            .Where(e => eventIds.Contains(e.EventId)).ToDictionaryAsync(e => e.EventId);
    }
}
