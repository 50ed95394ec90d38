namespace Checkout.Web.Webhooks;

using Checkout.Acquiring;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Klarna.Webhooks;
using Checkout.Web.Completion;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

/// <summary>
/// <c>POST /api/webhooks/acquirer</c>: the acquirer's signed callback in the acquirer-led flow
/// (<c>Acquirer-Signature</c>, hex HMAC-SHA256 of the raw body with <c>Acquirer:WebhookSecret</c>).
/// Verified, stored once by event id, answered at once, processed by the worker.
/// </summary>
public static partial class AcquirerWebhookEndpoint
{
    public const string SignatureHeader = "Acquirer-Signature";
    private const string KeyId = "acquirer";

    public static IEndpointRouteBuilder MapAcquirerWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webhooks/acquirer", ReceiveAsync).DisableAntiforgery().WithName("AcquirerWebhook").RequireRateLimiting(RateLimits.Webhooks);
        return app;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, IOptions<AcquirerOptions> acquirer, WebhookInbox inbox, WorkSignal signal, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var secret = acquirer.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return TypedResults.Problem("Acquirer callbacks are not configured (Acquirer:WebhookSecret).", statusCode: 404, title: "Not configured");
        }
        var body = await RawBody.ReadAsync(request, KlarnaWebhookEndpoint.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem("The callback body is missing or larger than 256 KB.", statusCode: 400, title: "Bad callback");
        }
        var signature = request.Headers.TryGetValue(SignatureHeader, out var values) && values.Count == 1 ? values[0] : null;
        var check = new WebhookSignatureVerifier(new Dictionary<string, string> { [KeyId] = secret }).Verify(KeyId, signature, body);
        if (check != SignatureCheck.Valid)
        {
            LogRejected(loggers.CreateLogger("Checkout.Webhooks"), check);
            return TypedResults.Problem("The callback signature was not accepted.", statusCode: 400, title: "Bad signature");
        }
        if (PartnerPaymentsClient.Parse(body) is not { EventId: { Length: > 0 and <= 180 } eventId, Status: { Length: > 0 } status })
        {
            return TypedResults.Problem("The callback has no event_id or status.", statusCode: 400, title: "Bad callback");
        }
        if (await inbox.StoreAsync("acquirer:" + eventId, AcquirerLedCompletion.EventTypePrefix + status, body, cancellationToken))
        {
            signal.Raise();
        }
        return TypedResults.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an acquirer callback: {Check}")]
    private static partial void LogRejected(ILogger logger, SignatureCheck check);
}
