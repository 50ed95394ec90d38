namespace Checkout.Web.Completion;

using System.Collections.Concurrent;
using Checkout.Acquiring;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Domain.Orders;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Authorization;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.Orders;

/// <summary>
/// When the webhook is late: reads the order's payment request from Klarna (or the payment from the acquirer,
/// acquirer-led) and applies it as the webhook would have, then authorizes a first charge it leaves owed. Runs
/// on the worker and the reconciler only; a status page asks for it through <see cref="OutcomeRefreshRequests"/>.
/// </summary>
public sealed partial class OutcomeRefresh(
    OrderStore orders,
    KlarnaPaymentRequestsClient klarna,
    PartnerPaymentsClient acquirer,
    DirectCompletion completion,
    AcquirerLedCompletion acquirerLedCompletion,
    FirstChargeAuthorizer authorizer,
    TimeProvider clock,
    ILogger<OutcomeRefresh> log)
{
    /// <summary>At most one read per order in this interval, across instances.</summary>
    public static readonly TimeSpan ReadInterval = TimeSpan.FromSeconds(3);

    public async Task RefreshAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await orders.FindAsync(orderId, cancellationToken) is { } order)
        {
            await RefreshAsync(order, cancellationToken);
        }
    }

    public async Task RefreshAsync(Order order, CancellationToken cancellationToken)
    {
        if (!OutcomeRefreshRequests.IsLate(order, clock.GetUtcNow())
            || !await orders.TryClaimKlarnaReadAsync(order.Id, ReadInterval, cancellationToken))
        {
            return;
        }
        try
        {
            if (order.PaymentRequestId is { } id)
            {
                if (await klarna.GetAsync(id, cancellationToken) is { } read && read.ToOutcome(clock.GetUtcNow()) is { } outcome
                    && (await completion.ApplyAsync(outcome, cancellationToken)).AuthorizationDueFor is { } owed)
                {
                    await authorizer.AuthorizeAsync(owed, cancellationToken);
                }
            }
            else if (order.AcquirerPaymentId is { } paymentId && await acquirer.GetAsync(paymentId, cancellationToken) is { } payment)
            {
                await acquirerLedCompletion.ApplyAsync(payment, cancellationToken);
            }
        }
        catch (Exception e) when (Transient.IsTransient(e, cancellationToken) || e is KlarnaApiException or AcquirerUnavailableException or AcquirerRejectedException)
        {
            LogReadFailed(log, order.Id, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Klarna's payment request for order {OrderId}: {Error}")]
    private static partial void LogReadFailed(ILogger logger, Guid orderId, string error);
}

/// <summary>
/// Orders a status page saw waiting on a late webhook, for the worker to refresh (<see cref="OutcomeRefresh"/>).
/// Asking stores nothing and calls nobody: it notes the order in memory and wakes the worker.
/// </summary>
public sealed class OutcomeRefreshRequests(WorkSignal worker, TimeProvider clock)
{
    private const int MaxWaiting = 10_000;
    private readonly ConcurrentDictionary<Guid, byte> _waiting = new();

    /// <summary>Still in Klarna's journey, and quiet for longer than a read's interval.</summary>
    public static bool IsLate(Order order, DateTimeOffset now) =>
        order.Status == OrderStatus.AwaitingShopper && now - order.UpdatedAt >= OutcomeRefresh.ReadInterval;

    public void RequestIfLate(Order order)
    {
        if (IsLate(order, clock.GetUtcNow()) && _waiting.Count < MaxWaiting && _waiting.TryAdd(order.Id, 0))
        {
            worker.Raise();
        }
    }

    /// <summary>Hands the worker every order asked for since it last looked.</summary>
    public List<Guid> TakeAll()
    {
        var taken = new List<Guid>(_waiting.Count);
        foreach (var id in _waiting.Keys)
        {
            if (_waiting.TryRemove(id, out _))
            {
                taken.Add(id);
            }
        }
        return taken;
    }
}
