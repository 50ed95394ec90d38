namespace Checkout.Web.Completion;

using Checkout.Acquiring.PartnerPayments;
using Checkout.Domain.Orders;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Orders;

/// <summary>
/// The shopper left the journey (or abandoned it): cancels the payment request at Klarna, or closes the
/// order here, unless Klarna or the acquirer shows it reached an outcome first, which is then applied. A
/// first charge that outcome leaves owed is queued for the worker, never asked for here.
/// </summary>
public sealed class JourneyCancellation(
    OrderStore orders,
    KlarnaPaymentRequestsClient klarna,
    PartnerPaymentsClient acquirer,
    DirectCompletion completion,
    AcquirerLedCompletion acquirerLedCompletion,
    TimeProvider clock)
{
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
        // The cancel at Klarna and the write recording what Klarna then says finish even when the shopper goes away.
        var upstream = CancellationToken.None;
        PaymentRequestRead? read;
        try
        {
            read = await klarna.CancelAsync(id, upstream) ?? await klarna.GetAsync(id, upstream);
        }
        catch (KlarnaApiException e) when ((int)e.StatusCode is 409 or 400)
        {
            read = await klarna.GetAsync(id, upstream);
        }
        if (read?.ToOutcome(clock.GetUtcNow()) is { } outcome)
        {
            await completion.ApplyAsync(outcome, upstream);
        }
    }

    /// <summary>The partner API has no cancel: apply what the acquirer knows, else close the order here.</summary>
    private async Task CancelAcquirerLedAsync(Order order, string paymentId, CancellationToken cancellationToken)
    {
        var payment = await acquirer.GetAsync(paymentId, cancellationToken);
        if (payment is { Status: "completed" or "failed" })
        {
            // What the acquirer answered is recorded even when the shopper goes away meanwhile.
            await acquirerLedCompletion.ApplyAsync(payment, CancellationToken.None);
            return;
        }
        await orders.TryMoveAsync(order, OrderStatus.AwaitingShopper, OrderStatus.Cancelled,
            ShopperReasons.LeftKlarna, cancellationToken);
    }
}
