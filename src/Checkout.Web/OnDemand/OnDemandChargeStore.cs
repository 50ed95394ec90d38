namespace Checkout.Web.OnDemand;

using Checkout.Acquiring;
using Checkout.Domain.OnDemand;
using Checkout.Web.Events;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>The one owner of a ride charge's status: every change is a conditional update from the status it was read in.</summary>
public sealed class OnDemandChargeStore(CheckoutDbContext db, TimeProvider clock)
{
    public Task<OnDemandCharge?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.OnDemandCharges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<OnDemandCharge?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        db.OnDemandCharges.AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == idempotencyKey, cancellationToken);

    public Task<OnDemandCharge?> FindByAcquirerPaymentAsync(string paymentId, CancellationToken cancellationToken) =>
        db.OnDemandCharges.AsNoTracking().FirstOrDefaultAsync(c => c.AcquirerPaymentId == paymentId, cancellationToken);

    /// <summary>Stores the charge, or finds the one stored first under the same idempotency key.</summary>
    public async Task<(OnDemandCharge Charge, bool Created)> OpenAsync(OnDemandCharge charge, CancellationToken cancellationToken)
    {
        if (await db.TryInsertOnceAsync(charge, cancellationToken))
        {
            db.Entry(charge).State = EntityState.Detached;
            return (charge, true);
        }
        var first = await FindByKeyAsync(charge.IdempotencyKey, cancellationToken)
            ?? throw new InvalidOperationException("A charge lost the insert to its idempotency key, and that charge is gone.");
        return (first, false);
    }

    /// <summary>Records the acquirer's answer if the charge is still in <paramref name="from"/>; false when another caller did first.</summary>
    public async Task<bool> TryRecordAsync(Guid id, OnDemandChargeStatus from, CustomerPresentChargeResult answer, CancellationToken cancellationToken)
    {
        var to = answer.Status switch
        {
            CustomerPresentChargeStatus.Approved => OnDemandChargeStatus.Approved,
            CustomerPresentChargeStatus.StepUpRequired => OnDemandChargeStatus.StepUpRequired,
            CustomerPresentChargeStatus.TokenRevoked => OnDemandChargeStatus.TokenRevoked,
            _ => OnDemandChargeStatus.Declined,
        };
        if (!OnDemandChargeTransitions.IsAllowed(from, to))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        // The change and the event the merchant hears of it commit together, or neither does.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.OnDemandCharges
            .Where(c => c.Id == id && c.Status == from)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(c => c.Status, to)
                    .SetProperty(c => c.AcquirerPaymentId, c => answer.PaymentId ?? c.AcquirerPaymentId)
                    .SetProperty(c => c.PaymentTransactionId, answer.PaymentTransactionId)
                    .SetProperty(c => c.PurchaseJourneyUrl, c => answer.PurchaseJourneyUrl ?? c.PurchaseJourneyUrl)
                    .SetProperty(c => c.Reason, Truncate(answer.Reason))
                    .SetProperty(c => c.UpdatedAt, now),
                cancellationToken);
        if (moved != 1)
        {
            return false;
        }
        if (RideEvents.TypeFor(to) is { } type && await FindAsync(id, cancellationToken) is { } charge)
        {
            // The rides customer is its sign-up order: the store's reference comes from that order's session.
            MerchantEvents.Add(db, type, RideObject.Of(charge, await StoreReference.OfOrderAsync(db, charge.CustomerId, cancellationToken)));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Stepped-up rides untouched since <paramref name="quietSince"/>, oldest first.</summary>
    public Task<List<OnDemandCharge>> StepUpsQuietSinceAsync(DateTimeOffset quietSince, int limit, CancellationToken cancellationToken) =>
        db.OnDemandCharges.AsNoTracking()
            .Where(c => c.Status == OnDemandChargeStatus.StepUpRequired && c.UpdatedAt <= quietSince)
            .OrderBy(c => c.UpdatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);

    /// <summary>Expires a ride still waiting for its step-up; false when an answer came first.</summary>
    public async Task<bool> TryExpireAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var moved = await db.OnDemandCharges
            .Where(c => c.Id == id && c.Status == OnDemandChargeStatus.StepUpRequired)
            .ExecuteUpdateAsync(
                set => set.SetProperty(c => c.Status, OnDemandChargeStatus.Expired).SetProperty(c => c.Reason, reason).SetProperty(c => c.UpdatedAt, now),
                cancellationToken);
        return moved == 1;
    }

    private static string? Truncate(string? reason) => reason is { Length: > 500 } ? reason[..500] : reason;
}
