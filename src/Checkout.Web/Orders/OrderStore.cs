namespace Checkout.Web.Orders;

using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Checkout.Web.Telemetry;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Orders in the database, and the one owner of their status: every status change is made here, allowed by
/// <see cref="OrderTransitions"/>, conditional on the status it leaves, and counted in the checkout funnel
/// when it happens.
/// </summary>
public sealed class OrderStore(
    CheckoutDbContext db,
    SqliteGroupCommit sqliteWrites,
    CheckoutMetrics metrics,
    TimeProvider clock,
    IEnumerable<IOrderCompletedListener> completedListeners,
    IEnumerable<IOrderCanceledListener> canceledListeners)
{
    private Dictionary<string, Order?>? _preloaded;

    /// <summary>
    /// The order opened under <paramref name="checkoutKey"/>, opened now for <paramref name="plan"/> when there is
    /// none: a second start from the same page (a double click, a retry) finds the first one's order. The order
    /// found may be for another plan; the caller decides what that means.
    /// </summary>
    public async Task<Order> OpenAsync(Guid checkoutKey, Plan plan, CancellationToken cancellationToken, Guid? checkoutSessionId = null)
    {
        // Insert first: nearly every start is a page's first, and the insert checks the key anyway, so a lookup
        // before it would be a second query for the rare second start's sake.
        var order = Order.Start(plan, clock.GetUtcNow(), checkoutKey, checkoutSessionId);
        if (await TryInsertAsync(order, cancellationToken))
        {
            return order;
        }
        return await FindByCheckoutKeyAsync(checkoutKey, cancellationToken)
            ?? throw new InvalidOperationException($"Checkout key {checkoutKey} was taken, yet no order has it.");
    }

    public Task<Order?> FindByCheckoutKeyAsync(Guid checkoutKey, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.CheckoutKey == checkoutKey, cancellationToken);

    /// <summary>Inserts the order unless its checkout key is taken (by a concurrent start); true when this call stored it.</summary>
    private async Task<bool> TryInsertAsync(Order order, CancellationToken cancellationToken)
    {
        if (DatabaseProviders.Of(db) == DatabaseProvider.Sqlite)
        {
            try
            {
                // One disk sync per order would cap this endpoint near the disk's syncs per second.
                return await sqliteWrites.WriteAsync(
                    db,
                    (batch, model) =>
                    {
                        var taken = batch.Command("""SELECT 1 FROM "Orders" WHERE "CheckoutKey" = $CheckoutKey""")
                            .With<Order>(model, nameof(Order.CheckoutKey), order.CheckoutKey)
                            .ExecuteScalar();
                        return taken is null && batch.Insert(model, order) == 1;
                    },
                    cancellationToken);
            }
            catch (SqliteException e) when (e.IsUniqueViolation())
            {
                // Another process on the same file stored this key between the check and the insert.
                return false;
            }
        }
        // PostgreSQL reports a taken key as a failed save, which EF Core logs as an error: look first, so that only a
        // race between two starts of one page meets it.
        if (await db.Orders.AnyAsync(o => o.CheckoutKey == order.CheckoutKey, cancellationToken))
        {
            return false;
        }
        return await db.TryInsertOnceAsync(order, cancellationToken);
    }

    public Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public Task<Order?> FindByPaymentRequestAsync(string paymentRequestId, CancellationToken cancellationToken) =>
        _preloaded is not null && _preloaded.Remove(paymentRequestId, out var preloaded)
            ? Task.FromResult(preloaded)
            : db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.PaymentRequestId == paymentRequestId, cancellationToken);

    /// <summary>
    /// Looks up the orders of a batch's payment requests in one query. The next <see cref="FindByPaymentRequestAsync"/>
    /// for each id is answered from it, once: a second asks the database again, since the first caller may have moved
    /// the order. An answer read a moment early is safe where every change is conditional on the status it leaves.
    /// </summary>
    public async Task PreloadByPaymentRequestAsync(IReadOnlyCollection<string> paymentRequestIds, CancellationToken cancellationToken)
    {
        var found = await db.Orders.AsNoTracking()
            .Where(o => o.PaymentRequestId != null && paymentRequestIds.Contains(o.PaymentRequestId))
            .ToListAsync(cancellationToken);
        _preloaded = paymentRequestIds.Distinct().ToDictionary(id => id, _ => (Order?)null);
        foreach (var order in found)
        {
            _preloaded[order.PaymentRequestId!] = order;
        }
    }

    public Task<OrderKlarnaLink?> FindLinkAsync(Guid id, CancellationToken cancellationToken) =>
        db.OrderKlarnaLinks.AsNoTracking().FirstOrDefaultAsync(l => l.OrderId == id, cancellationToken);

    /// <summary>Moves an open order to the shopper's journey; false when another call did it first.</summary>
    public Task<bool> TryAttachPaymentRequestAsync(
        Order order, string paymentRequestId, string paymentRequestUrl, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        TryAttachAsync(order, paymentRequestId, null, paymentRequestUrl, expiresAt, cancellationToken);

    /// <summary>Acquirer-led flow: the acquirer owns Klarna's payment request; we know its payment id.</summary>
    public Task<bool> TryAttachAcquirerPaymentAsync(Order order, string acquirerPaymentId, string paymentRequestUrl, CancellationToken cancellationToken) =>
        TryAttachAsync(order, null, acquirerPaymentId, paymentRequestUrl, null, cancellationToken);

    public Task<Order?> FindByAcquirerPaymentAsync(string acquirerPaymentId, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.AcquirerPaymentId == acquirerPaymentId, cancellationToken);

    private async Task<bool> TryAttachAsync(
        Order order, string? paymentRequestId, string? acquirerPaymentId, string paymentRequestUrl, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var attached = await TryAttachAsync(order.Id, paymentRequestId, acquirerPaymentId, paymentRequestUrl, expiresAt, cancellationToken);
        if (attached)
        {
            metrics.PaymentRequestCreated(order);
        }
        return attached;
    }

    private async Task<bool> TryAttachAsync(
        Guid id, string? paymentRequestId, string? acquirerPaymentId, string paymentRequestUrl, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        OrderTransitions.EnsureAllowed(OrderStatus.Open, OrderStatus.AwaitingShopper);
        var now = clock.GetUtcNow();
        if (DatabaseProviders.Of(db) == DatabaseProvider.Sqlite)
        {
            // One durable commit per request was this endpoint's ceiling on SQLite; see docs/performance.md.
            return await sqliteWrites.WriteAsync(
                db,
                (batch, model) =>
                {
                    var move = batch.Command(
                        """
                        UPDATE "Orders" SET "Status" = $Status, "PaymentRequestId" = $PaymentRequestId,
                            "AcquirerPaymentId" = $AcquirerPaymentId, "UpdatedAt" = $UpdatedAt
                        WHERE "Id" = $Id AND "Status" = $From
                        """)
                        .With<Order>(model, nameof(Order.Status), OrderStatus.AwaitingShopper)
                        .With<Order>(model, nameof(Order.PaymentRequestId), paymentRequestId)
                        .With<Order>(model, nameof(Order.AcquirerPaymentId), acquirerPaymentId)
                        .With<Order>(model, nameof(Order.UpdatedAt), now)
                        .With<Order>(model, nameof(Order.Id), id)
                        .With<Order>(model, nameof(Order.Status), OrderStatus.Open, "$From");
                    if (move.ExecuteNonQuery() == 0)
                    {
                        return false;
                    }
                    batch.Insert(model, new OrderKlarnaLink
                    {
                        OrderId = id, PaymentRequestUrl = paymentRequestUrl, ExpiresAt = expiresAt, LastReadAt = now,
                    });
                    return true;
                },
                cancellationToken);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.Orders
            .Where(o => o.Id == id && o.Status == OrderStatus.Open)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(o => o.Status, OrderStatus.AwaitingShopper)
                    .SetProperty(o => o.PaymentRequestId, paymentRequestId)
                    .SetProperty(o => o.AcquirerPaymentId, acquirerPaymentId)
                    .SetProperty(o => o.UpdatedAt, now),
                cancellationToken);
        if (moved == 0)
        {
            return false;
        }
        db.OrderKlarnaLinks.Add(new OrderKlarnaLink
        {
            OrderId = id, PaymentRequestUrl = paymentRequestUrl, ExpiresAt = expiresAt, LastReadAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Applies <paramref name="to"/> only if the order is still <paramref name="from"/>.</summary>
    public async Task<bool> TryMoveAsync(
        Order order, OrderStatus from, OrderStatus to, string? reason, CancellationToken cancellationToken, string? acquirerPaymentId = null)
    {
        OrderTransitions.EnsureAllowed(from, to);
        var id = order.Id;
        var now = clock.GetUtcNow();
        var moved = await db.Orders
            .Where(o => o.Id == id && o.Status == from)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(o => o.Status, to)
                    .SetProperty(o => o.StatusReason, reason)
                    .SetProperty(o => o.AcquirerPaymentId, o => acquirerPaymentId ?? o.AcquirerPaymentId)
                    .SetProperty(o => o.UpdatedAt, now),
                cancellationToken);
        if (moved == 0)
        {
            return false;
        }
        metrics.Moved(order, from, to);
        if (to == OrderStatus.Completed)
        {
            foreach (var listener in completedListeners)
            {
                await listener.OrderCompletedAsync(id, cancellationToken);
            }
        }
        if (to == OrderStatus.Cancelled)
        {
            foreach (var listener in canceledListeners)
            {
                await listener.OrderCanceledAsync(id, cancellationToken);
            }
        }
        return true;
    }

    /// <summary>Expires, in one statement, the orders still <see cref="OrderStatus.Open"/> that were opened before <paramref name="openedBefore"/>.</summary>
    public Task<int> ExpireOpenSinceAsync(DateTimeOffset openedBefore, string reason, CancellationToken cancellationToken)
    {
        OrderTransitions.EnsureAllowed(OrderStatus.Open, OrderStatus.Expired);
        var now = clock.GetUtcNow();
        return db.Orders
            .Where(o => o.Status == OrderStatus.Open && o.CreatedAt <= openedBefore)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, OrderStatus.Expired)
                .SetProperty(o => o.StatusReason, reason)
                .SetProperty(o => o.UpdatedAt, now), cancellationToken);
    }

    /// <summary>Keeps what Klarna refused (codes and ids, no secrets) on the order for the operator.</summary>
    public async Task RecordKlarnaErrorAsync(Guid id, string summary, CancellationToken cancellationToken)
    {
        var text = summary.Length <= MaxKlarnaErrorLength ? summary : summary[..MaxKlarnaErrorLength];
        await db.Orders
            .Where(o => o.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.LastKlarnaError, text), cancellationToken);
    }

    private const int MaxKlarnaErrorLength = 1000;

    /// <summary>Claims the right to ask Klarna about a request now; false when someone asked within <paramref name="interval"/>.</summary>
    public async Task<bool> TryClaimKlarnaReadAsync(Guid id, TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var notBefore = now - interval;
        var claimed = await db.OrderKlarnaLinks
            .Where(l => l.OrderId == id && (l.LastReadAt == null || l.LastReadAt < notBefore))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.LastReadAt, now), cancellationToken);
        return claimed == 1;
    }
}
