namespace Checkout.Web.Checkouts;

using System.Diagnostics;
using System.Net;
using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Domain.Sessions;
using Checkout.Klarna;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Completion;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Orders;
using Checkout.Web.Telemetry;
using Microsoft.Extensions.Options;

/// <summary>
/// Starts the shopper's payment: opens the order the page's checkout key names (priced from the catalog, once per
/// key), then creates (once per order) the Klarna payment request that starts the purchase journey.
/// </summary>
public sealed partial class PaymentRequestService(
    OrderStore orders,
    KlarnaPaymentRequestsClient klarna,
    DirectCompletion completion,
    AcquirerLedStart acquirerLed,
    IOptions<KlarnaOptions> options,
    CheckoutMetrics metrics,
    TimeProvider clock,
    ILogger<PaymentRequestService> log)
{
    public static string IdempotencyKeyFor(Guid orderId) => KlarnaIdempotencyKey.For(orderId, "payment-request:create");

    public async Task<PaymentStart> StartAsync(
        Guid checkoutKey, Plan plan, PaymentRequestInput input, Uri siteBase, CancellationToken cancellationToken, CheckoutSession? session = null)
    {
        var order = await orders.OpenAsync(checkoutKey, plan, cancellationToken, session?.Id);
        Activity.Current.TagOrder(order);
        if (order.PlanId != plan.Id || order.CheckoutSessionId != session?.Id)
        {
            return new PaymentStart.KeyTakenByAnotherPlan(order.Id, order.PlanId);
        }
        if (order.Status is not (OrderStatus.Open or OrderStatus.AwaitingShopper))
        {
            return new PaymentStart.AlreadyFinished(order.Id, order.Status);
        }

        // A second click (or a retry of the same page) reopens the journey already started rather than asking again.
        if (order.Status == OrderStatus.AwaitingShopper
            && await orders.FindLinkAsync(order.Id, cancellationToken) is { PaymentRequestUrl.Length: > 0 } link)
        {
            return new PaymentStart.JourneyOpen(order.Id, order.PaymentRequestId, link.PaymentRequestUrl);
        }

        var returnUrl = CheckoutUrls.Return(siteBase, order.Id);
        var prefill = session is null ? null : new KlarnaCustomer(session.CustomerEmail, session.CustomerGivenName, session.CustomerFamilyName);
        var body = PaymentRequestFactory.Create(
            order, plan, input.PaymentOptionId!, returnUrl, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), prefill);
        if (options.Value.Flow == KlarnaFlow.AcquirerLed)
        {
            return await acquirerLed.StartAsync(order, body, input.KlarnaNetworkSessionToken);
        }

        // From here on Klarna acts: its call (bounded by the pipeline's total timeout) and the writes that record its
        // answer finish even when the shopper goes away, so no order is left without the payment request Klarna made.
        var upstream = CancellationToken.None;
        PaymentRequestRead created;
        try
        {
            created = await klarna.CreateAsync(body, IdempotencyKeyFor(order.Id), input.KlarnaNetworkSessionToken, upstream);
        }
        catch (KlarnaApiException e) when ((int)e.StatusCode is >= 400 and < 500 && e.StatusCode != HttpStatusCode.TooManyRequests)
        {
            LogKlarnaRefused(log, order.Id, (int)e.StatusCode, e.Error?.ErrorCode, e.Error?.ErrorId, e.CorrelationId, e.OperatorSummary);
            Activity.Current.TagIfRecorded(CheckoutTelemetry.CorrelationIdTag, e.CorrelationId);
            metrics.PaymentRequestFailed(order);
            await orders.RecordKlarnaErrorAsync(order.Id, e.OperatorSummary, upstream);
            return new PaymentStart.Refused(order.Id, "Klarna could not start this payment. Nothing was charged; please choose another payment method or try again.");
        }
        catch (Exception e) when (Transient.IsTransient(e, upstream))
        {
            LogKlarnaUnavailable(log, order.Id, e.GetType().Name);
            metrics.PaymentRequestFailed(order);
            return new PaymentStart.Unavailable(order.Id, "Klarna is not reachable right now. Nothing was charged; please try again in a moment.");
        }

        var paymentRequestId = created.PaymentRequestId ?? created.StateContext?.CustomerInteraction?.PaymentRequestId;
        var paymentRequestUrl = created.StateContext?.CustomerInteraction?.PaymentRequestUrl;
        if (paymentRequestId is null)
        {
            metrics.PaymentRequestFailed(order);
            return new PaymentStart.Refused(order.Id, "Klarna's answer had no payment request id. Please try again.");
        }
        Activity.Current.TagIfRecorded(CheckoutTelemetry.PaymentRequestIdTag, paymentRequestId);
        await orders.TryAttachPaymentRequestAsync(order, paymentRequestId, paymentRequestUrl ?? "", created.ExpiresAt, upstream);

        if (created.ToOutcome(clock.GetUtcNow()) is { State: not (PaymentRequestState.Submitted or PaymentRequestState.InProgress) } outcome)
        {
            await completion.ApplyAsync(outcome, upstream);
            return new PaymentStart.CompletedAtOnce(order.Id);
        }
        return new PaymentStart.JourneyOpen(order.Id, paymentRequestId, paymentRequestUrl);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Klarna refused the payment request for order {OrderId}: {Status} {ErrorCode} (error_id {ErrorId}, correlation_id {CorrelationId}): {KlarnaError}")]
    private static partial void LogKlarnaRefused(
        ILogger logger, Guid orderId, int status, string? errorCode, string? errorId, string? correlationId, string klarnaError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Klarna unavailable creating the payment request for order {OrderId}: {Error}")]
    private static partial void LogKlarnaUnavailable(ILogger logger, Guid orderId, string error);
}
