namespace Checkout.Web.Checkouts;

using Checkout.Acquiring;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Domain.Orders;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Orders;
using Checkout.Web.Telemetry;

/// <summary>
/// The acquirer-led flow: the acquirer creates Klarna's payment request (tokenization, and the first charge
/// when money is due) and hands back Klarna's purchase journey URL, which the Web SDK opens.
/// </summary>
public sealed partial class AcquirerLedStart(
    PartnerPaymentsClient acquirer, OrderStore orders, CheckoutMetrics metrics, ILogger<AcquirerLedStart> log)
{
    public static string IdempotencyKeyFor(Guid orderId) => $"order-{orderId:N}-acquirer-payment";

    /// <remarks>
    /// Takes no cancellation: the acquirer's call (bounded by the pipeline's total timeout) and the write recording its
    /// answer finish even when the shopper goes away, so no order is left without the payment the acquirer made.
    /// </remarks>
    public async Task<PaymentStart> StartAsync(Order order, PaymentRequestBody klarnaRequest, string? sessionToken)
    {
        var upstream = CancellationToken.None;
        var request = new PartnerPaymentRequest
        {
            Reference = order.Reference,
            Currency = order.Currency,
            Amount = klarnaRequest.Amount,
            Scopes = klarnaRequest.RequestCustomerToken!.Scopes,
            SupplementaryPurchaseData = klarnaRequest.SupplementaryPurchaseData,
            KlarnaNetworkSessionToken = sessionToken,
            PaymentOptionId = klarnaRequest.PaymentOptionId,
            ReturnUrl = klarnaRequest.CustomerInteractionConfig?.ReturnUrl,
        };
        PartnerPayment payment;
        try
        {
            payment = await acquirer.CreateAsync(request, IdempotencyKeyFor(order.Id), upstream);
        }
        catch (AcquirerRejectedException e)
        {
            LogAcquirerRefused(log, order.Id, e.StatusCode);
            metrics.PaymentRequestFailed(order);
            return new PaymentStart.Refused(order.Id, "The payment provider could not start Klarna. Please choose another payment method or try again.");
        }
        catch (Exception e) when (e is AcquirerUnavailableException || Transient.IsTransient(e, upstream))
        {
            LogAcquirerUnavailable(log, order.Id, e.GetType().Name);
            metrics.PaymentRequestFailed(order);
            return new PaymentStart.Unavailable(order.Id, "The payment provider is not reachable right now. Nothing was charged; please try again in a moment.");
        }
        if (payment.PaymentId is null || string.IsNullOrWhiteSpace(payment.Url))
        {
            metrics.PaymentRequestFailed(order);
            return new PaymentStart.Refused(order.Id, "The payment provider's answer had no Klarna journey to open. Please try again.");
        }
        await orders.TryAttachAcquirerPaymentAsync(order, payment.PaymentId, payment.Url, upstream);
        return new PaymentStart.JourneyOpen(order.Id, null, payment.Url);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The acquirer refused the payment for order {OrderId}: {Status}")]
    private static partial void LogAcquirerRefused(ILogger logger, Guid orderId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The acquirer was unavailable for order {OrderId}: {Error}")]
    private static partial void LogAcquirerUnavailable(ILogger logger, Guid orderId, string error);
}
