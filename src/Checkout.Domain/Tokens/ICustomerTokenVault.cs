namespace Checkout.Domain.Tokens;

using Checkout.Domain.Plans;

/// <summary>Keeps customer tokens encrypted at rest, one per order.</summary>
public interface ICustomerTokenVault
{
    /// <summary>Stores the token once; a second call for the same order changes nothing.</summary>
    Task SaveAsync(Guid orderId, TokenScope scope, CustomerToken token, CancellationToken cancellationToken);

    Task<CustomerToken?> FindAsync(Guid orderId, CancellationToken cancellationToken);
}
