namespace Checkout.Web.Webhooks;

using System.Diagnostics;
using Checkout.Domain.Orders;
using Checkout.Klarna.Webhooks;
using Checkout.Web.Infrastructure;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary><c>POST /api/webhooks/klarna</c>: verify the raw body, store once, answer at once.</summary>
public static partial class KlarnaWebhookEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;

    public static readonly TimeSpan ReplayWindow = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapKlarnaWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webhooks/klarna", ReceiveAsync)
            .DisableAntiforgery()
            .WithName("KlarnaWebhook").RequireRateLimiting(RateLimits.Webhooks);
        return app;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request,
        WebhookSignatureVerifier verifier,
        WebhookInbox inbox,
        WorkSignal signal,
        TimeProvider clock,
        ILoggerFactory loggers,
        Serilog.IDiagnosticContext requestLog,
        CancellationToken cancellationToken)
    {
        var body = await RawBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem("The webhook body is missing or larger than 256 KB.", statusCode: 400, title: "Bad webhook");
        }
        var check = verifier.Verify(
            SingleHeader(request, WebhookSignatureVerifier.KeyIdHeader),
            SingleHeader(request, WebhookSignatureVerifier.SignatureHeader),
            body);
        if (check != SignatureCheck.Valid)
        {
            LogRejected(loggers.CreateLogger("Checkout.Webhooks"), check);
            return TypedResults.Problem("The webhook signature was not accepted.", statusCode: 400, title: "Bad signature");
        }
        if (WebhookEnvelope.TryParse(body) is not { Metadata: { } metadata } envelope)
        {
            return TypedResults.Problem("The webhook is not a Klarna event envelope with metadata.event_id.", statusCode: 400, title: "Bad webhook");
        }
        requestLog.Set(Logging.KlarnaCorrelationId, metadata.CorrelationId);
        var span = Activity.Current;
        span.TagIfRecorded(CheckoutTelemetry.CorrelationIdTag, metadata.CorrelationId);
        span.TagIfRecorded(CheckoutTelemetry.EventIdTag, metadata.EventId);
        span.TagIfRecorded(CheckoutTelemetry.EventTypeTag, metadata.EventType);
        span.TagIfRecorded(CheckoutTelemetry.PaymentRequestIdTag, envelope.Payload?.PaymentRequestId);
        if (Order.ParseReference(envelope.Payload?.PaymentRequestReference) is { } orderId)
        {
            requestLog.Set(Logging.OrderId, orderId);
            span.TagOrder(orderId);
        }
        if (metadata.OccurredAt is { } occurredAt && clock.GetUtcNow() - occurredAt > ReplayWindow)
        {
            // Klarna retries for up to 12 hours; anything far older is a replay, not a delivery.
            return TypedResults.Problem("The webhook event is too old to be a delivery from Klarna.", statusCode: 400, title: "Stale webhook");
        }
        if (await inbox.StoreAsync(metadata, body, cancellationToken))
        {
            signal.Raise();
        }
        return TypedResults.Ok();
    }

    /// <summary>The header's value when it is sent exactly once; a duplicated header is refused.</summary>
    private static string? SingleHeader(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Klarna webhook: {Check}")]
    private static partial void LogRejected(ILogger logger, SignatureCheck check);
}
