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

/// <summary>
/// Applies the events the worker claimed from the <see cref="WebhookInbox"/>: Klarna's to the order they name, the
/// acquirer's callbacks to theirs. Apart from the inbox, so that acknowledging a webhook builds none of this.
/// </summary>
public sealed partial class WebhookProcessor(
    WebhookInbox inbox,
    SecretProtector protector,
    OrderStore orders,
    DirectCompletion completion,
    AcquirerLedCompletion acquirerLedCompletion,
    FirstChargeAuthorizer authorizer,
    TimeProvider clock,
    CheckoutMetrics metrics,
    ILogger<WebhookProcessor> log)
{
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
    /// waits for <see cref="WebhookInbox.FinishAsync"/> to be marked processed; false when there was nothing to do or
    /// it failed, in which case the failure and the next attempt are recorded and the claim given up at once.
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
        if (await inbox.RetryLaterAsync(record, claim, attempts, error, cancellationToken) == 0)
        {
            LogLeaseLost(log, record.EventId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook event {EventId} ({EventType}) has no payment request to act on")]
    private static partial void LogUnusableEvent(ILogger logger, string eventId, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook event {EventId} was taken over by another instance after its lease ran out")]
    private static partial void LogLeaseLost(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook event {EventId} failed (attempt {Attempts}); it will be retried")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string eventId, int attempts);
}
