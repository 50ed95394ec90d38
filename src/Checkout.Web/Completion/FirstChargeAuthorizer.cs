namespace Checkout.Web.Completion;

using Checkout.Acquiring;
using Checkout.Domain.Orders;
using Checkout.Domain.Tokens;
using Checkout.Web.Checkouts;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Tokens;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Asks the acquirer to authorize an order's first charge with Klarna's session token. The idempotency
/// key is derived from the order, so retries and restarts can never charge twice.
/// </summary>
public sealed partial class FirstChargeAuthorizer(
    OrderStore orders,
    CheckoutDbContext db,
    SecretProtector protector,
    IAcquirer acquirer,
    TimeProvider clock,
    ILogger<FirstChargeAuthorizer> log)
{
    public static string IdempotencyKeyFor(Guid orderId) => $"order-{orderId:N}-first-charge";

    public async Task AuthorizeAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        var pending = await db.PendingAuthorizations.FirstOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        if (order is not { Status: OrderStatus.Authorizing } || pending is null || pending.CompletedAt is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var sessionToken = new NetworkSessionToken(protector.Unprotect(pending.ProtectedSessionToken), pending.SessionTokenReceivedAt);
        if (sessionToken.IsExpired(now))
        {
            await orders.TryMoveAsync(orderId, OrderStatus.Authorizing, OrderStatus.Expired,
                "Klarna's approval ran out before the payment was authorized. Nothing was charged; please try again.",
                cancellationToken);
            await FinishAsync(pending, cancellationToken);
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
            await RetryLaterAsync(pending, cancellationToken);
            LogAcquirerUnavailable(log, orderId, pending.Attempts, e.Message);
            return;
        }

        switch (result.Status)
        {
            case AuthorizationStatus.Approved:
                await orders.TryMoveAsync(orderId, OrderStatus.Authorizing, OrderStatus.Completed, null, cancellationToken, result.PaymentId);
                break;
            case AuthorizationStatus.Declined:
                await orders.TryMoveAsync(orderId, OrderStatus.Authorizing, OrderStatus.PaymentDeclined,
                    "The first payment was declined. Your Klarna account is saved; you can update it and try again.",
                    cancellationToken, result.PaymentId);
                break;
            default:
                await RetryLaterAsync(pending, cancellationToken);
                return;
        }
        LogAuthorized(log, orderId, result.Status, result.PaymentId);
        await FinishAsync(pending, cancellationToken);
    }

    private async Task RetryLaterAsync(PendingAuthorization pending, CancellationToken cancellationToken)
    {
        pending.Attempts++;
        var backoff = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(pending.Attempts, 9))));
        pending.NextAttemptAt = clock.GetUtcNow() + backoff;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task FinishAsync(PendingAuthorization pending, CancellationToken cancellationToken)
    {
        pending.CompletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acquirer unavailable for order {OrderId} (attempt {Attempts}): {Reason}")]
    private static partial void LogAcquirerUnavailable(ILogger logger, Guid orderId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acquirer answered {Status} for order {OrderId}, payment {PaymentId}")]
    private static partial void LogAuthorized(ILogger logger, Guid orderId, AuthorizationStatus status, string paymentId);
}
