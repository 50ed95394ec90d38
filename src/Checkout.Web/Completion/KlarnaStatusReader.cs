namespace Checkout.Web.Completion;

using Checkout.Acquiring;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Domain.Orders;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Orders;

/// <summary>
/// Asks Klarna directly when the webhook is late, and cancels journeys the shopper left. Applies what it
/// learns through the same path as the webhook.
/// </summary>
public sealed partial class KlarnaStatusReader(
    OrderStore orders,
    KlarnaPaymentRequestsClient klarna,
    PartnerPaymentsClient acquirer,
    OrderCompletion completion,
    AcquirerPaymentCompletion acquirerCompletion,
    TimeProvider clock,
    ILogger<KlarnaStatusReader> log)
{
    public static readonly TimeSpan ReadInterval = TimeSpan.FromSeconds(3);

    /// <summary>Reads the payment request from Klarna, at most once per <see cref="ReadInterval"/> per order.</summary>
    public async Task RefreshAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.Status != OrderStatus.AwaitingShopper
            || clock.GetUtcNow() - order.UpdatedAt < ReadInterval
            || !await orders.TryClaimKlarnaReadAsync(order.Id, ReadInterval, cancellationToken))
        {
            return;
        }
        try
        {
            if (order.PaymentRequestId is { } id)
            {
                if (await klarna.GetAsync(id, cancellationToken) is { } read && read.ToOutcome(clock.GetUtcNow()) is { } outcome)
                {
                    await completion.ApplyAsync(outcome, cancellationToken);
                }
            }
            else if (order.AcquirerPaymentId is { } paymentId && await acquirer.GetAsync(paymentId, cancellationToken) is { } payment)
            {
                await acquirerCompletion.ApplyAsync(payment, cancellationToken);
            }
        }
        catch (Exception e) when (Transient.IsTransient(e, cancellationToken) || e is KlarnaApiException or AcquirerUnavailableException or AcquirerRejectedException)
        {
            LogReadFailed(log, order.Id, e.GetType().Name);
        }
    }

    /// <summary>The shopper left the journey: cancel the request at Klarna, or apply whatever it reached first.</summary>
    public async Task CancelAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.Status == OrderStatus.Open)
        {
            await orders.TryMoveAsync(order, OrderStatus.Open, OrderStatus.Cancelled, ShopperReasons.LeftBeforePaying, cancellationToken);
            return;
        }
        if (order is { Status: OrderStatus.AwaitingShopper, PaymentRequestId: null, AcquirerPaymentId: { } paymentId })
        {
            await CancelAcquirerLedAsync(order, paymentId, cancellationToken);
            return;
        }
        if (order is not { Status: OrderStatus.AwaitingShopper, PaymentRequestId: { } id })
        {
            return;
        }
        PaymentRequestRead? read;
        try
        {
            read = await klarna.CancelAsync(id, cancellationToken) ?? await klarna.GetAsync(id, cancellationToken);
        }
        catch (KlarnaApiException e) when ((int)e.StatusCode is 409 or 400)
        {
            read = await klarna.GetAsync(id, cancellationToken);
        }
        if (read?.ToOutcome(clock.GetUtcNow()) is { } outcome)
        {
            await completion.ApplyAsync(outcome, cancellationToken);
        }
    }

    /// <summary>The partner API has no cancel: apply what the acquirer knows, else close the order here.</summary>
    private async Task CancelAcquirerLedAsync(Order order, string paymentId, CancellationToken cancellationToken)
    {
        var payment = await acquirer.GetAsync(paymentId, cancellationToken);
        if (payment is { Status: "completed" or "failed" })
        {
            await acquirerCompletion.ApplyAsync(payment, cancellationToken);
            return;
        }
        await orders.TryMoveAsync(order, OrderStatus.AwaitingShopper, OrderStatus.Cancelled,
            ShopperReasons.LeftKlarna, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Klarna's payment request for order {OrderId}: {Error}")]
    private static partial void LogReadFailed(ILogger logger, Guid orderId, string error);
}
