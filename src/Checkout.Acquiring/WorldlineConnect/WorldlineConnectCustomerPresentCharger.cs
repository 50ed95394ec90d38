namespace Checkout.Acquiring.WorldlineConnect;

/// <summary>
/// Worldline Connect cannot charge a stored Klarna customer token with the customer present either, as far as its
/// public API shows. Every ride is refused here, before any call, with the limitation named (docs/worldline-connect.md).
/// </summary>
public sealed class WorldlineConnectCustomerPresentCharger : ICustomerPresentCharger
{
    public const string Limitation =
        "Worldline Connect cannot charge a Klarna customer token with the customer present: its public API has no "
        + "customer-token input for Klarna (payment product 838), only the interoperability token of a journey the shopper "
        + "just approved. Charge rides through the acquirer-led flow or the generic acquirer.";

    public Task<CustomerPresentChargeResult> ChargeAsync(CustomerPresentChargeRequest request, CancellationToken cancellationToken) =>
        Task.FromException<CustomerPresentChargeResult>(new AcquirerRejectedException(Limitation));

    /// <summary>No ride is ever charged here, so none is read.</summary>
    public Task<CustomerPresentChargeResult?> ReadAsync(string paymentId, CancellationToken cancellationToken) =>
        Task.FromResult<CustomerPresentChargeResult?>(null);
}
