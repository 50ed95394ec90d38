namespace Checkout.Web.Webhooks;

using System.Text;
using Checkout.Klarna.PaymentRequests;
using Checkout.Klarna.Webhooks;
using Checkout.Web.Completion;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Tokens;
using Microsoft.EntityFrameworkCore;

/// <summary>Klarna's events, stored once by event id before they are acknowledged, processed after.</summary>
public sealed partial class WebhookInbox(
    CheckoutDbContext db,
    SecretProtector protector,
    OrderCompletion completion,
    AcquirerPaymentCompletion acquirerCompletion,
    TimeProvider clock,
    ILogger<WebhookInbox> log)
{
    /// <summary>Stores the event; false when it was stored before (a duplicate delivery).</summary>
    public Task<bool> StoreAsync(WebhookMetadata metadata, byte[] body, CancellationToken cancellationToken) =>
        StoreAsync(metadata.EventId!, metadata.EventType!, body, cancellationToken);

    /// <summary>Stores any verified event; false when it was stored before (a duplicate delivery).</summary>
    public async Task<bool> StoreAsync(string eventId, string eventType, byte[] body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var record = new WebhookEventRecord
        {
            EventId = eventId,
            EventType = eventType,
            ProtectedBody = protector.Protect(Encoding.UTF8.GetString(body)),
            ReceivedAt = now,
            NextAttemptAt = now,
        };
        db.WebhookEvents.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.Entry(record).State = EntityState.Detached;
            return false;
        }
    }

    public Task<List<string>> DueEventIdsAsync(int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.WebhookEvents
            .Where(e => e.ProcessedAt == null && e.NextAttemptAt <= now)
            .OrderBy(e => e.ReceivedAt)
            .Select(e => e.EventId)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    public async Task ProcessAsync(string eventId, CancellationToken cancellationToken)
    {
        var record = await db.WebhookEvents.FirstOrDefaultAsync(e => e.EventId == eventId && e.ProcessedAt == null, cancellationToken);
        if (record is null)
        {
            return;
        }
        try
        {
            var body = Encoding.UTF8.GetBytes(protector.Unprotect(record.ProtectedBody));
            if (record.EventType.StartsWith(AcquirerPaymentCompletion.EventTypePrefix, StringComparison.Ordinal))
            {
                await acquirerCompletion.ApplyCallbackAsync(body, cancellationToken);
            }
            else
            {
                var envelope = WebhookEnvelope.TryParse(body);
                var outcome = envelope?.Payload?.ToOutcome(envelope.Metadata?.OccurredAt ?? record.ReceivedAt);
                if (outcome is null)
                {
                    LogUnusableEvent(log, record.EventId, record.EventType);
                }
                else
                {
                    await completion.ApplyAsync(outcome, cancellationToken);
                }
            }
            record.ProcessedAt = clock.GetUtcNow();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            record.Attempts++;
            record.LastError = $"{e.GetType().Name}: {e.Message}"[..Math.Min(500, e.GetType().Name.Length + 2 + e.Message.Length)];
            record.NextAttemptAt = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(record.Attempts, 9))));
            LogProcessingFailed(log, e, record.EventId, record.Attempts);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook event {EventId} ({EventType}) has no payment request to act on")]
    private static partial void LogUnusableEvent(ILogger logger, string eventId, string eventType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook event {EventId} failed (attempt {Attempts}); it will be retried")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string eventId, int attempts);
}
