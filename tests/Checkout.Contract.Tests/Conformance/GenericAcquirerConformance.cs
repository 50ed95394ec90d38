namespace Checkout.Contract.Tests.Conformance;

using Checkout.Acquiring;
using Checkout.Acquiring.Generic;
using Checkout.Contract.Tests.Upstream;

/// <summary>The generic acquirer's acquirer (<c>POST /payment</c>), answering in the partner API's form: every operation, no read.</summary>
[Collection(SharedFakeUpstream.Name)]
public sealed class GenericAcquirerConformance(FakeUpstream upstream) : AcquirerConformance(upstream)
{
    protected override AcquirerKind Kind => AcquirerKind.Generic;

    protected override Type FirstChargeAdapter => typeof(GenericAcquirerClient);

    protected override Type TokenChargeAdapter => typeof(GenericTokenCharger);

    protected override Type CustomerPresentChargeAdapter => typeof(GenericCustomerPresentCharger);

    protected override string IdempotencyKeyHeader => GenericAcquirerClient.IdempotencyKeyHeader;

    protected override string PathOf(AcquirerOperation operation) => "/payment";

    protected override Answer Approved(AcquirerOperation operation) => new(200, Seed002Answers.Completed);

    protected override Answer Declined(AcquirerOperation operation) => new(200, Seed002Answers.Declined);

    protected override Answer Refusal(AcquirerOperation operation) => new(422, Seed002Answers.Problem);

    protected override Answer Revoked(AcquirerOperation operation) => new(200, Seed002Answers.Revoked);

    protected override Answer StepUp() => new(200, Seed002Answers.StepUp);
}
