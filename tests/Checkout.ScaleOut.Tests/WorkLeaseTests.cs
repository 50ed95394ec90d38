namespace Checkout.ScaleOut.Tests;

using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Claims on webhook events, straight against PostgreSQL. The events are due in a day, so the running
/// instance's own worker leaves them alone; the claims below look at them from two days ahead.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class WorkLeaseTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddDays(2);
    private SandboxServer _sandbox = null!;
    private AppInstance _app = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync();
        _app = new AppInstance("A", await postgres.CreateDatabaseAsync("lease"), _sandbox, new AcquirerCalls());
        _app.Start();
    }

    [Fact]
    public async Task A_claimed_event_belongs_to_one_instance_until_its_lease_runs_out()
    {
        var eventId = (await StoreEventsDueTomorrowAsync(1)).Single();

        var first = await ClaimAsync(new WorkClaim("instance-a/1", Later, Later.AddMinutes(2)), 10);
        var whileHeld = await ClaimAsync(new WorkClaim("instance-b/1", Later.AddMinutes(1), Later.AddMinutes(3)), 10);
        var afterLapse = await ClaimAsync(new WorkClaim("instance-b/2", Later.AddMinutes(3), Later.AddMinutes(5)), 10);

        Assert.Equal([eventId], first);
        Assert.Empty(whileHeld);
        Assert.Equal([eventId], afterLapse);
    }

    [Fact]
    public async Task Concurrent_claimers_split_the_events_without_overlap()
    {
        var eventIds = await StoreEventsDueTomorrowAsync(40);

        var won = new List<string>();
        for (var round = 0; round < 10 && won.Count < eventIds.Count; round++)
        {
            var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                Task.Run(() => ClaimAsync(new WorkClaim($"claimer-{round}-{i}", Later, Later.AddMinutes(2)), 10))));
            won.AddRange(claims.SelectMany(c => c));
        }

        Assert.Equal(eventIds.Order(StringComparer.Ordinal), won.Order(StringComparer.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private async Task<List<string>> StoreEventsDueTomorrowAsync(int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => $"lease-test-{Guid.NewGuid():N}").ToList();
        return await _app.WithDatabaseAsync(async (db, _) =>
        {
            var now = DateTimeOffset.UtcNow;
            db.WebhookEvents.AddRange(ids.Select(id => new WebhookEventRecord
            {
                EventId = id, EventType = "test.lease", ProtectedBody = "-", ReceivedAt = now, NextAttemptAt = now.AddDays(1),
            }));
            await db.SaveChangesAsync();
            return ids;
        });
    }

    private async Task<List<string>> ClaimAsync(WorkClaim claim, int max) =>
        (await _app.WithDatabaseAsync((_, services) => services.GetRequiredService<WebhookInbox>().ClaimDueAsync(claim, max, CancellationToken.None)))
            .ConvertAll(e => e.EventId);
}
