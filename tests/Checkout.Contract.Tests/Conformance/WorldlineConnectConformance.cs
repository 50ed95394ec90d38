namespace Checkout.Contract.Tests.Conformance;

using Checkout.Acquiring;
using Checkout.Acquiring.WorldlineConnect;
using Checkout.Contract.Tests.Samples;
using Checkout.Contract.Tests.Upstream;

/// <summary>
/// Worldline Connect (product 838): first charges only. Its public API takes no Klarna customer token, so token and
/// customer-present charges must be refused before any call, naming the limitation.
/// </summary>
[Collection(SharedFakeUpstream.Name)]
public sealed class WorldlineConnectConformance(FakeUpstream upstream) : AcquirerConformance(upstream)
{
    protected override AcquirerKind Kind => AcquirerKind.WorldlineConnect;

    protected override Type FirstChargeAdapter => typeof(WorldlineConnectClient);

    protected override Type TokenChargeAdapter => typeof(WorldlineConnectTokenCharger);

    protected override Type CustomerPresentChargeAdapter => typeof(WorldlineConnectCustomerPresentCharger);

    protected override string IdempotencyKeyHeader => WorldlineConnectClient.IdempotencyKeyHeader;

    protected override string PathOf(AcquirerOperation operation) => $"/v1/{OutboundClientHost.MerchantId}/payments";

    protected override string? CannotDo(AcquirerOperation operation) => operation switch
    {
        AcquirerOperation.TokenCharge => "payment product 838",
        AcquirerOperation.CustomerPresentCharge => "customer present",
        _ => null,
    };

    protected override Answer Approved(AcquirerOperation operation) => new(201, Sample.Text(Sample.WorldlineCreated));

    protected override Answer Declined(AcquirerOperation operation) => new(402, Sample.Text(Sample.WorldlineRejected));

    protected override Answer Refusal(AcquirerOperation operation) => new(400, Sample.Text(Sample.WorldlineInvalidRequest));
}
