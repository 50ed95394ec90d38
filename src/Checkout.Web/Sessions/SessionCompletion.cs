namespace Checkout.Web.Sessions;

using Checkout.Domain.Sessions;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Orders;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// A session follows its order: completed once, when the order completes (even one whose journey outlived the
/// session's time: the shopper paid), and canceled when the shopper left Klarna's journey.
/// </summary>
public sealed partial class SessionCompletion(CheckoutDbContext db, CheckoutSessionStore sessions, ILogger<SessionCompletion> log)
    : IOrderCompletedListener, IOrderCanceledListener
{
    public async Task OrderCompletedAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await SessionOfAsync(orderId, cancellationToken) is not { } sessionId)
        {
            return;
        }
        var completed = await sessions.TryMoveAsync(sessionId, CheckoutSessionStatus.Open, CheckoutSessionStatus.Complete, orderId, cancellationToken)
            || await sessions.TryMoveAsync(sessionId, CheckoutSessionStatus.Expired, CheckoutSessionStatus.Complete, orderId, cancellationToken);
        if (completed)
        {
            LogCompleted(log, sessionId, orderId);
        }
    }

    public async Task OrderCanceledAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await SessionOfAsync(orderId, cancellationToken) is { } sessionId
            && await sessions.TryMoveAsync(sessionId, CheckoutSessionStatus.Open, CheckoutSessionStatus.Canceled, orderId, cancellationToken))
        {
            LogCanceled(log, sessionId, orderId);
        }
    }

    private Task<Guid?> SessionOfAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.CheckoutSessionId).FirstOrDefaultAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkout session {SessionId} completed by order {OrderId}")]
    private static partial void LogCompleted(ILogger logger, Guid sessionId, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkout session {SessionId} canceled: the shopper left order {OrderId}")]
    private static partial void LogCanceled(ILogger logger, Guid sessionId, Guid orderId);
}
