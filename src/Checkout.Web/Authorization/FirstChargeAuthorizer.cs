namespace Checkout.Web.Authorization;

using System.Diagnostics;
using Checkout.Acquiring;
using Checkout.Domain.Orders;
using Checkout.Domain.Tokens;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Orders;
using Checkout.Web.Telemetry;
using Checkout.Web.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

/// <summary>
/// Asks the acquirer to authorize an order's first charge with Klarna's session token. The idempotency
/// key is derived from the order, so retries and restarts can never charge twice. Each attempt first claims
/// the order's pending authorization in the database, so two instances (or a webhook and the worker) never
/// call the acquirer for it at the same time.
/// </summary>
public sealed partial class FirstChargeAuthorizer(
    OrderStore orders,
    CheckoutDbContext db,
    SecretProtector protector,
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
        var due = claim.Now;
        var claimed = await db.PendingAuthorizations
            .Where(p => p.OrderId == orderId && p.CompletedAt == null && p.NextAttemptAt <= due
                && (p.ClaimedUntil == null || p.ClaimedUntil < due))
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.ClaimedBy, claim.Owner).SetProperty(p => p.ClaimedUntil, claim.Until), cancellationToken);
        if (claimed == 0)
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
            await ReleaseAsync(orderId, claim, _ => { }, CancellationToken.None);
            throw;
        }
    }

    private async Task AuthorizeClaimedAsync(Guid orderId, WorkClaim claim, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        var pending = await db.PendingAuthorizations.AsNoTracking()
            .FirstOrDefaultAsync(p => p.OrderId == orderId && p.ClaimedBy == claim.Owner, cancellationToken);
        if (order is null || order.Status.IsFinal())
        {
            // Nothing is owed any more: the order ended another way. Stop asking.
            await FinishAsync(orderId, claim, cancellationToken);
            return;
        }
        Activity.Current.TagOrder(order);
        if (order.Status != OrderStatus.Authorizing || pending is null || pending.CompletedAt is not null)
        {
            await ReleaseAsync(orderId, claim, _ => { }, cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        var sessionToken = new NetworkSessionToken(protector.Unprotect(pending.ProtectedSessionToken), pending.SessionTokenReceivedAt);
        if (sessionToken.IsExpired(now))
        {
            await orders.TryMoveAsync(order, OrderStatus.Authorizing, OrderStatus.Expired,
                ShopperReasons.ApprovalRanOut,
                cancellationToken);
            await FinishAsync(orderId, claim, cancellationToken);
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
            var attempts = await RetryLaterAsync(pending, claim, cancellationToken);
            LogAcquirerUnavailable(log, orderId, attempts, e.Message);
            return;
        }

        Activity.Current.TagIfRecorded(StatusTag, result.Status.ToString());
        switch (result.Status)
        {
            case AuthorizationStatus.Approved:
                await orders.TryMoveAsync(order, OrderStatus.Authorizing, OrderStatus.Completed, null, cancellationToken, result.PaymentId);
                break;
            case AuthorizationStatus.Declined:
                await orders.TryMoveAsync(order, OrderStatus.Authorizing, OrderStatus.PaymentDeclined,
                    ShopperReasons.FirstPaymentDeclined,
                    cancellationToken, result.PaymentId);
                break;
            default:
                await RetryLaterAsync(pending, claim, cancellationToken);
                return;
        }
        LogAuthorized(log, orderId, result.Status, result.PaymentId);
        await FinishAsync(orderId, claim, cancellationToken);
    }

    private async Task<int> RetryLaterAsync(PendingAuthorization pending, WorkClaim claim, CancellationToken cancellationToken)
    {
        var attempts = pending.Attempts + 1;
        var backoff = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempts, 9))));
        var nextAttemptAt = clock.GetUtcNow() + backoff;
        await ReleaseAsync(pending.OrderId, claim, set => set
            .SetProperty(p => p.Attempts, attempts)
            .SetProperty(p => p.NextAttemptAt, nextAttemptAt), cancellationToken);
        return attempts;
    }

    private Task FinishAsync(Guid orderId, WorkClaim claim, CancellationToken cancellationToken)
    {
        var completedAt = clock.GetUtcNow();
        return ReleaseAsync(orderId, claim, set => set.SetProperty(p => p.CompletedAt, completedAt), cancellationToken);
    }

    /// <summary>Records the attempt's result while the claim still holds the row, and clears the claim.</summary>
    private async Task ReleaseAsync(
        Guid orderId, WorkClaim claim, Action<UpdateSettersBuilder<PendingAuthorization>> result, CancellationToken cancellationToken) =>
        await db.PendingAuthorizations
            .Where(p => p.OrderId == orderId && p.ClaimedBy == claim.Owner)
            .ExecuteUpdateAsync(
                set =>
                {
                    result(set);
                    set.SetProperty(p => p.ClaimedBy, (string?)null).SetProperty(p => p.ClaimedUntil, (DateTimeOffset?)null);
                },
                cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acquirer unavailable for order {OrderId} (attempt {Attempts}): {Reason}")]
    private static partial void LogAcquirerUnavailable(ILogger logger, Guid orderId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acquirer answered {Status} for order {OrderId}, payment {PaymentId}")]
    private static partial void LogAuthorized(ILogger logger, Guid orderId, AuthorizationStatus status, string paymentId);
}
