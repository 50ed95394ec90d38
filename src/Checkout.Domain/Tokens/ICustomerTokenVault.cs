namespace Checkout.Domain.Tokens;

using Checkout.Domain.Plans;

/// <summary>Keeps customer tokens encrypted at rest, one per order.</summary>
public interface ICustomerTokenVault
{
    /// <summary>Stores the token once; a second call for the same order changes nothing.</summary>
    Task SaveAsync(Guid orderId, TokenScope scope, CustomerToken token, CancellationToken cancellationToken);

    Task<CustomerToken?> FindAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>The tokens stored for <paramref name="orderIds"/>, in one lookup; an order without one is left out.</summary>
    Task<IReadOnlyDictionary<Guid, CustomerToken>> FindAllAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken);
}
