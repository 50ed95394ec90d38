namespace Checkout.Web.Webhooks;

using System.Diagnostics;
using System.Text;
using Checkout.Klarna.Webhooks;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Klarna's events, stored once by event id before they are acknowledged; claimed, given back and marked processed by
/// the worker, which applies them with <see cref="WebhookProcessor"/>.
/// </summary>
public sealed class WebhookInbox(
    CheckoutDbContext db,
    SecretProtector protector,
    TimeProvider clock,
    SqliteGroupCommit sqliteWrites)
{
    /// <summary>Stores the event; false when it was stored before (a duplicate delivery).</summary>
    public Task<bool> StoreAsync(WebhookMetadata metadata, byte[] body, CancellationToken cancellationToken) =>
        StoreAsync(metadata.EventId!, metadata.EventType!, body, cancellationToken);

    /// <summary>
    /// Stores any verified event; false when it was stored before (a duplicate delivery). One statement,
    /// <c>INSERT … ON CONFLICT DO NOTHING</c>, so instances receiving the same event at once neither fail nor log errors.
    /// </summary>
    public async Task<bool> StoreAsync(string eventId, string eventType, byte[] body, CancellationToken cancellationToken)
    {
        var protectedBody = protector.Protect(Encoding.UTF8.GetString(body));
        var now = clock.GetUtcNow();
        var traceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C, Recorded: true } delivery ? delivery.Id : null;
        if (DatabaseProviders.Of(db) == DatabaseProvider.Sqlite)
        {
            return await sqliteWrites.WriteAsync(
                db,
                (batch, model) =>
                {
                    var insert = batch.Command(
                        """
                        INSERT INTO "WebhookEvents" ("EventId", "EventType", "ProtectedBody", "ReceivedAt", "TraceParent", "Attempts", "NextAttemptAt")
                        VALUES ($EventId, $EventType, $ProtectedBody, $ReceivedAt, $TraceParent, 0, $NextAttemptAt)
                        ON CONFLICT ("EventId") DO NOTHING
                        """)
                        .With<WebhookEventRecord>(model, nameof(WebhookEventRecord.EventId), eventId)
                        .With<WebhookEventRecord>(model, nameof(WebhookEventRecord.EventType), eventType)
                        .With<WebhookEventRecord>(model, nameof(WebhookEventRecord.ProtectedBody), protectedBody)
                        .With<WebhookEventRecord>(model, nameof(WebhookEventRecord.ReceivedAt), now)
                        .With<WebhookEventRecord>(model, nameof(WebhookEventRecord.TraceParent), traceParent)
                        .With<WebhookEventRecord>(model, nameof(WebhookEventRecord.NextAttemptAt), now);
                    return insert.ExecuteNonQuery() == 1;
                },
                cancellationToken);
        }
        var providerNow = db.ToProviderValue<WebhookEventRecord>(nameof(WebhookEventRecord.ReceivedAt), now);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "WebhookEvents" ("EventId", "EventType", "ProtectedBody", "ReceivedAt", "TraceParent", "Attempts", "NextAttemptAt")
            VALUES ({eventId}, {eventType}, {protectedBody}, {providerNow}, {traceParent}, 0, {providerNow})
            ON CONFLICT ("EventId") DO NOTHING
            """,
            cancellationToken);
        return inserted == 1;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> due events for this instance with one conditional UPDATE (only rows
    /// nobody holds or whose lease lapsed) and returns the events it won, oldest first; other instances get the rest.
    /// </summary>
    public async Task<List<WebhookEventRecord>> ClaimDueAsync(WorkClaim claim, int max, CancellationToken cancellationToken)
    {
        var candidates = await Unprocessed()
            .Claimable(claim.Now)
            .OrderBy(e => e.ReceivedAt)
            .Select(e => e.EventId)
            .Take(max)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }
        if (DatabaseProviders.Of(db) == DatabaseProvider.Sqlite)
        {
            // LeasedWork.ClaimAsync's rule, in SQL.
            await RunAloneAsync(
                connection => connection.CreateCommand(
                        """
                        UPDATE "WebhookEvents" SET "ClaimedBy" = $ClaimedBy, "ClaimedUntil" = $ClaimedUntil
                        WHERE "EventId" IN (SELECT "value" FROM json_each($EventIds)) AND "ProcessedAt" IS NULL
                          AND "NextAttemptAt" <= $NextAttemptAt AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < $Now)
                        """)
                    .With<WebhookEventRecord>(db.Model, nameof(WebhookEventRecord.ClaimedBy), claim.Owner)
                    .With<WebhookEventRecord>(db.Model, nameof(WebhookEventRecord.ClaimedUntil), claim.Until)
                    .With<WebhookEventRecord>(db.Model, nameof(WebhookEventRecord.NextAttemptAt), claim.Now)
                    .With<WebhookEventRecord>(db.Model, nameof(WebhookEventRecord.ClaimedUntil), claim.Now, "$Now")
                    .WithJsonArray("$EventIds", candidates),
                cancellationToken);
        }
        else
        {
            await Unprocessed().Where(e => candidates.Contains(e.EventId)).ClaimAsync(claim, cancellationToken);
        }
        return await Unprocessed().AsNoTracking()
            .HeldBy(claim)
            .OrderBy(e => e.ReceivedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Ends a claim with one statement: the <paramref name="processed"/> events are marked processed and every
    /// other event still held goes back for another attempt (after a stop part-way, say). One write per batch
    /// instead of one per event, so the worker hardly competes with the inbox for the database's write lock.
    /// </summary>
    public Task<int> FinishAsync(WorkClaim claim, IReadOnlyCollection<string> processed, CancellationToken cancellationToken)
    {
        var processedAt = clock.GetUtcNow();
        if (DatabaseProviders.Of(db) == DatabaseProvider.Sqlite)
        {
            return FinishOnSqliteAsync(claim, processed, processedAt, cancellationToken);
        }
        return db.WebhookEvents.ReleaseAsync(
            claim,
            set => set.SetProperty(e => e.ProcessedAt, e => processed.Contains(e.EventId) ? processedAt : e.ProcessedAt),
            cancellationToken);
    }

    /// <summary>LeasedWork.ReleaseAsync's rule, in SQL: only the rows the claim still holds.</summary>
    private Task<int> FinishOnSqliteAsync(WorkClaim claim, IReadOnlyCollection<string> processed, DateTimeOffset processedAt, CancellationToken cancellationToken) =>
        RunAloneAsync(
            connection => connection.CreateCommand(
                    """
                    UPDATE "WebhookEvents"
                    SET "ProcessedAt" = CASE WHEN "EventId" IN (SELECT "value" FROM json_each($EventIds)) THEN $ProcessedAt ELSE "ProcessedAt" END,
                        "ClaimedBy" = NULL, "ClaimedUntil" = NULL
                    WHERE "ClaimedBy" = $ClaimedBy
                    """)
                .With<WebhookEventRecord>(db.Model, nameof(WebhookEventRecord.ProcessedAt), processedAt)
                .With<WebhookEventRecord>(db.Model, nameof(WebhookEventRecord.ClaimedBy), claim.Owner)
                .WithJsonArray("$EventIds", processed),
            cancellationToken);

    /// <summary>
    /// Builds a worker's statement first, then runs and commits it while no batch of the group commit does: SQLite's
    /// write lock is held only for that. EF builds its statements under the lock, on cores the acknowledgements keep
    /// busy, and held it for milliseconds while their group commits waited.
    /// </summary>
    private async Task<int> RunAloneAsync(Func<SqliteConnection, SqliteCommand> build, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = build((SqliteConnection)db.Database.GetDbConnection());
            return await sqliteWrites.AloneAsync(() => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>On SQLite, a worker's write waits its turn between the inbox's batches instead of in SQLite's busy handler.</summary>
    private Task<int> OutsideBatchesAsync(Func<Task<int>> write, CancellationToken cancellationToken) =>
        DatabaseProviders.Of(db) == DatabaseProvider.Sqlite ? sqliteWrites.AloneAsync(write, cancellationToken) : write();

    /// <summary>
    /// Records a failed attempt and when to try again, only while <paramref name="claim"/> still holds the row, and
    /// clears the claim; 0 when another instance took the event over after the lease ran out.
    /// </summary>
    public Task<int> RetryLaterAsync(WebhookEventRecord record, WorkClaim claim, int attempts, string error, CancellationToken cancellationToken) =>
        OutsideBatchesAsync(
            () => db.WebhookEvents.Where(e => e.EventId == record.EventId)
                .RetryLaterAsync(claim, attempts, clock.GetUtcNow(), set => set.SetProperty(e => e.LastError, error), cancellationToken),
            cancellationToken);

    private IQueryable<WebhookEventRecord> Unprocessed() => db.WebhookEvents.Where(e => e.ProcessedAt == null);
}
