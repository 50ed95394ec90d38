namespace Checkout.Web.Completion;

using System.Diagnostics;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Domain.Tokens;
using Checkout.Web.OnDemand;
using Checkout.Web.Orders;
using Checkout.Web.Telemetry;

/// <summary>
/// Acquirer-led flow: applies the acquirer's payment result to its order. The acquirer keeps Klarna's
/// customer token; we store its own token id, encrypted, the same way. Safe to repeat.
/// </summary>
public sealed partial class AcquirerLedCompletion(
    OrderStore orders, ICustomerTokenVault vault, PlanCatalog catalog, OnDemandSettlement rides, ILogger<AcquirerLedCompletion> log)
{
    public const string EventTypePrefix = "acquirer.payment.";

    public async Task ApplyCallbackAsync(byte[] body, CancellationToken cancellationToken)
    {
        if (PartnerPaymentsClient.Parse(body) is { } payment)
        {
            await ApplyAsync(payment, cancellationToken);
        }
    }

    public async Task ApplyAsync(PartnerPayment payment, CancellationToken cancellationToken)
    {
        var order = (payment.PaymentId is { } id ? await orders.FindByAcquirerPaymentAsync(id, cancellationToken) : null)
            ?? (Order.ParseReference(payment.Reference) is { } orderId ? await orders.FindAsync(orderId, cancellationToken) : null);
        if (order is null && await rides.ApplyAsync(payment, cancellationToken))
        {
            return;
        }
        if (order is null || catalog.Find(order.PlanId) is not { } plan)
        {
            LogUnknownPayment(log, payment.PaymentId);
            return;
        }
        Activity.Current.TagOrder(order);
        if (payment.CustomerTokenId is { Length: > 0 } tokenId)
        {
            await vault.SaveAsync(order.Id, plan.TokenScope, new CustomerToken(tokenId, order.Reference), cancellationToken);
        }

        var (next, reason) = Outcome(payment, order.ChargesNow);
        if (next is null)
        {
            return;
        }
        // When money was due, the acquirer authorized on our behalf: record that step, then its result.
        var viaAuthorizing = order.ChargesNow && (payment.Status == "completed" || payment.CustomerTokenId is not null);
        if (viaAuthorizing)
        {
            await orders.TryMoveAsync(order, OrderStatus.AwaitingShopper, OrderStatus.Authorizing, null, cancellationToken);
        }
        var from = viaAuthorizing ? OrderStatus.Authorizing : OrderStatus.AwaitingShopper;
        if (await orders.TryMoveAsync(order, from, next.Value, reason, cancellationToken, payment.PaymentId))
        {
            LogOrderMoved(log, order.Id, next.Value, payment.FailureReason);
        }
    }

    private static (OrderStatus? Next, string? Reason) Outcome(PartnerPayment payment, bool chargesNow) => payment.Status switch
    {
        "completed" => (OrderStatus.Completed, null),
        "failed" => payment.FailureReason switch
        {
            "CUSTOMER_ABORTED" => (OrderStatus.Cancelled, ShopperReasons.LeftKlarna),
            "EXPIRED" => (OrderStatus.Expired, ShopperReasons.KlarnaSessionTimedOut),
            "SESSION_TOKEN_EXPIRED" when payment.CustomerTokenId is not null =>
                (OrderStatus.Expired, ShopperReasons.ApprovalRanOut),
            _ when chargesNow && payment.CustomerTokenId is not null =>
                (OrderStatus.PaymentDeclined, ShopperReasons.FirstPaymentDeclined),
            _ => (OrderStatus.KlarnaDeclined, ShopperReasons.KlarnaDeclined),
        },
        _ => (null, null),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "No order for acquirer payment {PaymentId}")]
    private static partial void LogUnknownPayment(ILogger logger, string? paymentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is now {Status} (acquirer reason {Reason})")]
    private static partial void LogOrderMoved(ILogger logger, Guid orderId, OrderStatus status, string? reason);
}
