namespace Checkout.Web.Completion;

using System.Diagnostics;
using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Domain.Tokens;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Authorization;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Orders;
using Checkout.Web.Telemetry;

/// <summary>
/// Direct flow: applies what Klarna says of our payment request (a webhook, or its answer to a create, read or
/// cancel) to the order: stores the customer token, queues the first charge for the worker, and moves the
/// order. Safe to call any number of times with the same outcome. It never calls the acquirer.
/// </summary>
public sealed partial class DirectCompletion(
    OrderStore orders,
    ICustomerTokenVault vault,
    PendingAuthorizationStore pending,
    WorkSignal worker,
    PlanCatalog catalog,
    KlarnaPaymentRequestsClient klarna,
    TimeProvider clock,
    ILogger<DirectCompletion> log)
{
    /// <summary>
    /// Applies the outcome; a completion missing a token we need is first checked against Klarna. Returns the
    /// order whose first charge is now owed, so a caller on the worker may authorize it at once.
    /// </summary>
    public async Task<CompletionResult> ApplyAsync(PaymentRequestOutcome outcome, CancellationToken cancellationToken)
    {
        var order = await FindOrderAsync(outcome, cancellationToken);
        if (order is null)
        {
            LogUnknownPaymentRequest(log, outcome.PaymentRequestId);
            return CompletionResult.Nothing;
        }
        Activity.Current.TagOrder(order);
        Activity.Current.TagIfRecorded(CheckoutTelemetry.PaymentRequestIdTag, outcome.PaymentRequestId);
        if (order.Status == OrderStatus.Open && outcome.State != PaymentRequestState.Submitted)
        {
            // Klarna's news overtook our own record of creating the request.
            await orders.TryAttachPaymentRequestAsync(order, outcome.PaymentRequestId, "", null, cancellationToken);
            order = await orders.FindAsync(order.Id, cancellationToken) ?? order;
        }
        if (outcome.NextStatus(order.ChargesNow) is not { } next)
        {
            return CompletionResult.Nothing;
        }
        if (outcome.State == PaymentRequestState.Completed)
        {
            if (IsMissingTokens(order, outcome))
            {
                outcome = await CompleteFromKlarnaAsync(order, outcome, cancellationToken);
            }
            return await CompleteAsync(order, outcome, cancellationToken);
        }
        if (await orders.TryMoveAsync(order, OrderStatus.AwaitingShopper, next, ReasonFor(next), cancellationToken))
        {
            LogOrderMoved(log, order.Id, next);
        }
        return CompletionResult.Nothing;
    }

    private async Task<CompletionResult> CompleteAsync(Order order, PaymentRequestOutcome outcome, CancellationToken cancellationToken)
    {
        var plan = catalog.Find(order.PlanId) ?? throw new InvalidOperationException($"Plan {order.PlanId} left the catalog.");
        if (outcome.CustomerToken is { } customerToken)
        {
            await vault.SaveAsync(order.Id, plan.TokenScope, customerToken, cancellationToken);
        }
        else
        {
            LogNoCustomerToken(log, order.Id);
        }

        if (!order.ChargesNow)
        {
            if (await orders.TryMoveAsync(order, OrderStatus.AwaitingShopper, OrderStatus.Completed, null, cancellationToken))
            {
                LogOrderMoved(log, order.Id, OrderStatus.Completed);
            }
            return CompletionResult.Nothing;
        }

        if (outcome.SessionToken is not { } sessionToken)
        {
            await orders.TryMoveAsync(order, OrderStatus.AwaitingShopper, OrderStatus.KlarnaDeclined,
                "Klarna did not confirm the payment. Please try again.", cancellationToken);
            return CompletionResult.Nothing;
        }
        await pending.QueueAsync(order.Id, sessionToken, cancellationToken);
        if (await orders.TryMoveAsync(order, OrderStatus.AwaitingShopper, OrderStatus.Authorizing, null, cancellationToken))
        {
            LogOrderMoved(log, order.Id, OrderStatus.Authorizing);
        }
        worker.Raise();
        return new CompletionResult(order.Id);
    }

    /// <summary>
    /// Public material disagrees on where the completed webhook carries the tokens, so a completion without
    /// one we asked for is never acted on as it stands: Klarna's own read of the payment request decides.
    /// </summary>
    private static bool IsMissingTokens(Order order, PaymentRequestOutcome outcome) =>
        outcome.CustomerToken is null || (order.ChargesNow && outcome.SessionToken is null);

    /// <summary>Reads the payment request; a failure to read throws, so the event is retried rather than decided.</summary>
    private async Task<PaymentRequestOutcome> CompleteFromKlarnaAsync(Order order, PaymentRequestOutcome notified, CancellationToken cancellationToken)
    {
        LogReadingIncompleteCompletion(log, order.Id, notified.PaymentRequestId);
        var read = (await klarna.GetAsync(notified.PaymentRequestId, cancellationToken))?.ToOutcome(clock.GetUtcNow());
        if (read is not { State: PaymentRequestState.Completed })
        {
            return notified;
        }
        return notified with
        {
            CustomerToken = notified.CustomerToken ?? read.CustomerToken,
            SessionToken = notified.SessionToken ?? read.SessionToken,
        };
    }

    private async Task<Order?> FindOrderAsync(PaymentRequestOutcome outcome, CancellationToken cancellationToken) =>
        await orders.FindByPaymentRequestAsync(outcome.PaymentRequestId, cancellationToken)
        ?? (Order.ParseReference(outcome.Reference) is { } id ? await orders.FindAsync(id, cancellationToken) : null);

    private static string? ReasonFor(OrderStatus status) => status switch
    {
        OrderStatus.KlarnaDeclined => ShopperReasons.KlarnaDeclined,
        OrderStatus.Cancelled => ShopperReasons.LeftKlarna,
        OrderStatus.Expired => ShopperReasons.KlarnaSessionTimedOut,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Klarna's completed webhook for order {OrderId} lacked a token it should carry; reading payment request {PaymentRequestId}")]
    private static partial void LogReadingIncompleteCompletion(ILogger logger, Guid orderId, string paymentRequestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No order for Klarna payment request {PaymentRequestId}")]
    private static partial void LogUnknownPaymentRequest(ILogger logger, string paymentRequestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Klarna completed order {OrderId} without a customer token")]
    private static partial void LogNoCustomerToken(ILogger logger, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is now {Status}")]
    private static partial void LogOrderMoved(ILogger logger, Guid orderId, OrderStatus status);
}

/// <summary>What applying an outcome left to do: the order whose first charge is now owed to the acquirer, if any.</summary>
public readonly record struct CompletionResult(Guid? AuthorizationDueFor)
{
    public static CompletionResult Nothing => default;
}
