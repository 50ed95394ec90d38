namespace Checkout.Web.Authorization;

using System.Diagnostics;
using Checkout.Acquiring;
using Checkout.Domain.Orders;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Orders;
using Checkout.Web.Telemetry;

/// <summary>
/// Asks the acquirer to authorize an order's first charge with Klarna's session token; only the background
/// worker calls it. The idempotency key is derived from the order, so retries and restarts can never charge
/// twice. Each attempt first claims the order's pending authorization in the database, so two instances
/// never call the acquirer for it at the same time.
/// </summary>
public sealed partial class FirstChargeAuthorizer(
    OrderStore orders,
    PendingAuthorizationStore pending,
    IAcquirer acquirer,
    WorkLease lease,
    TimeProvider clock,
    ILogger<FirstChargeAuthorizer> log)
{
    public static string IdempotencyKeyFor(Guid orderId) => $"order-{orderId:N}-first-charge";

    public const string StatusTag = "checkout.authorization.status";

    /// <summary>Authorizes when the order's pending authorization is due and nobody else holds it; otherwise does nothing.</summary>
    public async Task AuthorizeAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var claim = lease.NewClaim();
        if (!await pending.TryClaimAsync(orderId, claim, cancellationToken))
        {
            return;
        }
        using var activity = CheckoutTelemetry.Source.StartActivity("checkout.first_charge.authorize");
        activity.TagOrder(orderId);
        try
        {
            await AuthorizeClaimedAsync(orderId, claim, cancellationToken);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            await pending.ReleaseAsync(orderId, claim, CancellationToken.None);
            throw;
        }
    }

    private async Task AuthorizeClaimedAsync(Guid orderId, WorkClaim claim, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        var owed = await pending.FindClaimedAsync(orderId, claim, cancellationToken);
        if (order is null || order.Status.IsFinal())
        {
            // Nothing is owed any more: the order ended another way. Stop asking.
            await pending.FinishAsync(orderId, claim, cancellationToken);
            return;
        }
        Activity.Current.TagOrder(order);
        if (order.Status != OrderStatus.Authorizing || owed is not var (row, sessionToken))
        {
            await pending.ReleaseAsync(orderId, claim, cancellationToken);
            return;
        }

        if (sessionToken.IsExpired(clock.GetUtcNow()))
        {
            await orders.TryMoveAsync(order, OrderStatus.Authorizing, OrderStatus.Expired,
                ShopperReasons.ApprovalRanOut,
                cancellationToken);
            await pending.FinishAsync(orderId, claim, cancellationToken);
            return;
        }

        AuthorizationResult result;
        try
        {
            result = await acquirer.AuthorizeAsync(
                new AuthorizationRequest(order.Reference, order.AmountDue, sessionToken.Value, IdempotencyKeyFor(orderId)),
                cancellationToken);
        }
        catch (AcquirerUnavailableException e)
        {
            var attempts = await pending.RetryLaterAsync(row, claim, cancellationToken);
            LogAcquirerUnavailable(log, orderId, attempts, e.Message);
            return;
        }

        Activity.Current.TagIfRecorded(StatusTag, result.Status.ToString());
        // The acquirer answered: recorded even when the app is stopping, rather than asked again by the next process.
        var recording = CancellationToken.None;
        switch (result.Status)
        {
            case AuthorizationStatus.Approved:
                await orders.TryMoveAsync(order, OrderStatus.Authorizing, OrderStatus.Completed, null, recording, result.PaymentId);
                break;
            case AuthorizationStatus.Declined:
                await orders.TryMoveAsync(order, OrderStatus.Authorizing, OrderStatus.PaymentDeclined,
                    ShopperReasons.FirstPaymentDeclined,
                    recording, result.PaymentId);
                break;
            default:
                await pending.RetryLaterAsync(row, claim, recording);
                return;
        }
        LogAuthorized(log, orderId, result.Status, result.PaymentId);
        await pending.FinishAsync(orderId, claim, recording);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acquirer unavailable for order {OrderId} (attempt {Attempts}): {Reason}")]
    private static partial void LogAcquirerUnavailable(ILogger logger, Guid orderId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acquirer answered {Status} for order {OrderId}, payment {PaymentId}")]
    private static partial void LogAuthorized(ILogger logger, Guid orderId, AuthorizationStatus status, string paymentId);
}
