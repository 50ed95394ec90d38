namespace Checkout.Web.Tokens;

using Checkout.Domain.Plans;
using Checkout.Domain.Tokens;
using Checkout.Klarna.PaymentRequests;
using Checkout.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

/// <summary>Customer tokens encrypted with ASP.NET Core Data Protection, one row per order.</summary>
public sealed class DataProtectionTokenVault(CheckoutDbContext db, SecretProtector protector, TimeProvider clock) : ICustomerTokenVault
{
    public async Task SaveAsync(Guid orderId, TokenScope scope, CustomerToken token, CancellationToken cancellationToken)
    {
        if (await db.CustomerTokens.AnyAsync(t => t.OrderId == orderId, cancellationToken))
        {
            return;
        }
        await db.TryInsertOnceAsync(
            new CustomerTokenRecord
            {
                OrderId = orderId,
                Scope = PaymentRequestFactory.ScopeName(scope),
                ProtectedToken = protector.Protect(token.Value),
                Reference = token.Reference,
                CreatedAt = clock.GetUtcNow(),
            },
            cancellationToken);
    }

    public async Task<CustomerToken?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var record = await db.CustomerTokens.AsNoTracking().FirstOrDefaultAsync(t => t.OrderId == orderId, cancellationToken);
        return record is null ? null : new CustomerToken(protector.Unprotect(record.ProtectedToken), record.Reference);
    }

    public async Task<IReadOnlyDictionary<Guid, CustomerToken>> FindAllAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken) =>
        await db.CustomerTokens.AsNoTracking()
            .Where(t => orderIds.Contains(t.OrderId))
            .ToDictionaryAsync(t => t.OrderId, t => new CustomerToken(protector.Unprotect(t.ProtectedToken), t.Reference), cancellationToken);
}
