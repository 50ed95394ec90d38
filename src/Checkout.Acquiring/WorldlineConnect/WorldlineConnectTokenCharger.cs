namespace Checkout.Acquiring.WorldlineConnect;

/// <summary>
/// Worldline Connect cannot charge a stored Klarna customer token with the customer not present, as far as its
/// public API shows: product 838 takes only the interoperability token of a journey the shopper just approved.
/// Every renewal is refused here, before any call, with the limitation named (docs/worldline-connect.md).
/// </summary>
public sealed class WorldlineConnectTokenCharger : ITokenCharger
{
    public const string Limitation =
        "Worldline Connect cannot charge a Klarna customer token with the customer not present: its public API has no "
        + "customer-token or recurring input for Klarna (payment product 838), and Klarna's Worldline guides leave "
        + "customer-not-present token charges out of scope. Renew through the acquirer-led flow or the generic acquirer.";

    public Task<TokenChargeResult> ChargeAsync(TokenChargeRequest request, CancellationToken cancellationToken) =>
        Task.FromException<TokenChargeResult>(new AcquirerRejectedException(Limitation));
}
