namespace Checkout.Web.Webhooks;

using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;
using Checkout.Domain.Orders;
using Checkout.Klarna.PaymentRequests;
using Checkout.Klarna.Webhooks;
using Checkout.Web.Authorization;
using Checkout.Web.Completion;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Orders;
using Checkout.Web.Telemetry;
using Checkout.Web.Tokens;
using Microsoft.EntityFrameworkCore;

/// <summary>Klarna's events, stored once by event id before they are acknowledged, processed after.</summary>
public sealed partial class WebhookInbox(
    CheckoutDbContext db,
    SecretProtector protector,
    OrderStore orders,
    DirectCompletion completion,
    AcquirerLedCompletion acquirerLedCompletion,
    FirstChargeAuthorizer authorizer,
    TimeProvider clock,
    SqliteGroupCommit sqliteWrites,
    CheckoutMetrics metrics,
    ILogger<WebhookInbox> log)
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
        await OutsideBatchesAsync(
            () => Unprocessed().Where(e => candidates.Contains(e.EventId)).ClaimAsync(claim, cancellationToken),
            cancellationToken);
        return await Unprocessed().AsNoTracking()
            .HeldBy(claim)
            .OrderBy(e => e.ReceivedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the bodies of the events a claim won, and looks up the orders their payment requests name in one query
    /// for the batch (<see cref="OrderStore.PreloadByPaymentRequestAsync"/>), where each event alone would ask once.
    /// A body that cannot be read fails its own event when processed, not the batch.
    /// </summary>
    public async Task<List<ClaimedEvent>> ReadAsync(IReadOnlyList<WebhookEventRecord> records, CancellationToken cancellationToken)
    {
        var claimed = records.Select(Read).ToList();
        var paymentRequestIds = claimed.Select(e => e.Envelope?.Payload?.PaymentRequestId).OfType<string>().Distinct().ToList();
        if (paymentRequestIds.Count > 0)
        {
            await orders.PreloadByPaymentRequestAsync(paymentRequestIds, cancellationToken);
        }
        return claimed;
    }

    private ClaimedEvent Read(WebhookEventRecord record)
    {
        try
        {
            var body = Encoding.UTF8.GetBytes(protector.Unprotect(record.ProtectedBody));
            return new ClaimedEvent(record, body, IsAcquirerLed(record) ? null : WebhookEnvelope.TryParse(body), null);
        }
        catch (Exception e)
        {
            return new ClaimedEvent(record, [], null, ExceptionDispatchInfo.Capture(e));
        }
    }

    /// <summary>
    /// Processes one event this instance claimed and read (<see cref="ReadAsync"/>). True when it was applied and only
    /// waits for <see cref="FinishAsync"/> to be marked processed; false when there was nothing to do or it failed, in
    /// which case the failure and the next attempt are recorded and the claim given up at once.
    /// </summary>
    public async Task<bool> ProcessAsync(ClaimedEvent claimed, WorkClaim claim, CancellationToken cancellationToken)
    {
        var record = claimed.Record;
        // Its own trace, outside any request, linked to the delivery that stored the event (and tagged with the order id
        // and Klarna's correlation id like it).
        ActivityLink[]? links = ActivityContext.TryParse(record.TraceParent, null, out var delivery) ? [new ActivityLink(delivery)] : null;
        using var activity = CheckoutTelemetry.Source.StartActivity(
            "checkout.webhook.process", ActivityKind.Consumer, parentContext: default, tags: null, links: links);
        activity.TagIfRecorded(CheckoutTelemetry.EventIdTag, record.EventId);
        activity.TagIfRecorded(CheckoutTelemetry.EventTypeTag, record.EventType);
        try
        {
            claimed.ReadFailure?.Throw();
            await ApplyAsync(claimed, cancellationToken);
            metrics.WebhookProcessed(clock.GetUtcNow() - record.ReceivedAt);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            var attempts = record.Attempts + 1;
            var error = $"{e.GetType().Name}: {e.Message}";
            error = error[..Math.Min(500, error.Length)];
            LogProcessingFailed(log, e, record.EventId, attempts);
            await RetryLaterAsync(record, claim, attempts, error, cancellationToken);
            return false;
        }
    }

    /// <summary>
    /// Ends a claim with one statement: the <paramref name="processed"/> events are marked processed and every
    /// other event still held goes back for another attempt (after a stop part-way, say). One write per batch
    /// instead of one per event, so the worker hardly competes with the inbox for the database's write lock.
    /// </summary>
    public Task<int> FinishAsync(WorkClaim claim, IReadOnlyCollection<string> processed, CancellationToken cancellationToken)
    {
        var processedAt = clock.GetUtcNow();
        return OutsideBatchesAsync(
            () => db.WebhookEvents.ReleaseAsync(
                claim,
                set => set.SetProperty(e => e.ProcessedAt, e => processed.Contains(e.EventId) ? processedAt : e.ProcessedAt),
                cancellationToken),
            cancellationToken);
    }

    /// <summary>On SQLite, a worker's write waits its turn between the inbox's batches instead of in SQLite's busy handler.</summary>
    private Task<int> OutsideBatchesAsync(Func<Task<int>> write, CancellationToken cancellationToken) =>
        DatabaseProviders.Of(db) == DatabaseProvider.Sqlite ? sqliteWrites.AloneAsync(write, cancellationToken) : write();

    private static bool IsAcquirerLed(WebhookEventRecord record) =>
        record.EventType.StartsWith(AcquirerLedCompletion.EventTypePrefix, StringComparison.Ordinal);

    private async Task ApplyAsync(ClaimedEvent claimed, CancellationToken cancellationToken)
    {
        var record = claimed.Record;
        if (IsAcquirerLed(record))
        {
            await acquirerLedCompletion.ApplyCallbackAsync(claimed.Body, cancellationToken);
            return;
        }
        var envelope = claimed.Envelope;
        if (Activity.Current is { } span && span.IsRecorded())
        {
            span.TagIfRecorded(CheckoutTelemetry.CorrelationIdTag, envelope?.Metadata?.CorrelationId);
            span.TagIfRecorded(CheckoutTelemetry.PaymentRequestIdTag, envelope?.Payload?.PaymentRequestId);
            if (Order.ParseReference(envelope?.Payload?.PaymentRequestReference) is { } orderId)
            {
                span.TagOrder(orderId);
            }
        }
        var outcome = envelope?.Payload?.ToOutcome(envelope.Metadata?.OccurredAt ?? record.ReceivedAt);
        if (outcome is null)
        {
            LogUnusableEvent(log, record.EventId, record.EventType);
            return;
        }
        if ((await completion.ApplyAsync(outcome, cancellationToken)).AuthorizationDueFor is { } owed)
        {
            // On the worker already: ask the acquirer now rather than on the next pass.
            await authorizer.AuthorizeAsync(owed, cancellationToken);
        }
    }

    /// <summary>Records the failure and the next attempt only while this claim still holds the row, and clears the claim.</summary>
    private async Task RetryLaterAsync(WebhookEventRecord record, WorkClaim claim, int attempts, string error, CancellationToken cancellationToken)
    {
        var released = await OutsideBatchesAsync(
            () => db.WebhookEvents.Where(e => e.EventId == record.EventId)
                .RetryLaterAsync(claim, attempts, clock.GetUtcNow(), set => set.SetProperty(e => e.LastError, error), cancellationToken),
            cancellationToken);
        if (released == 0)
        {
            LogLeaseLost(log, record.EventId);
        }
    }

    private IQueryable<WebhookEventRecord> Unprocessed() => db.WebhookEvents.Where(e => e.ProcessedAt == null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook event {EventId} ({EventType}) has no payment request to act on")]
    private static partial void LogUnusableEvent(ILogger logger, string eventId, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook event {EventId} was taken over by another instance after its lease ran out")]
    private static partial void LogLeaseLost(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook event {EventId} failed (attempt {Attempts}); it will be retried")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string eventId, int attempts);
}
