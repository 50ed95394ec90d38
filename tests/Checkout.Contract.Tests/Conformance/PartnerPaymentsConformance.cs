namespace Checkout.Contract.Tests.Conformance;

using Checkout.Acquiring;
using Checkout.Acquiring.PartnerPayments;
using Checkout.Contract.Tests.TokenCharge;
using Checkout.Contract.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The partner-facing API (<c>POST /v1/payments</c>), the acquirer-led flow: the first charge is the acquirer's
/// start of Klarna's journey; token charges use the acquirer's token id; a stepped-up ride can be read back.
/// </summary>
[Collection(SharedFakeUpstream.Name)]
public sealed class PartnerPaymentsConformance(FakeUpstream upstream) : AcquirerConformance(upstream)
{
    protected override AcquirerKind Kind => AcquirerKind.Generic;

    protected override Type FirstChargeAdapter => typeof(PartnerPaymentsClient);

    protected override Type TokenChargeAdapter => typeof(PartnerTokenCharger);

    protected override Type CustomerPresentChargeAdapter => typeof(PartnerCustomerPresentCharger);

    protected override IDictionary<string, string?>? Settings => PartnerTokenChargeContractTests.AcquirerLed;

    protected override string IdempotencyKeyHeader => PartnerPaymentsClient.IdempotencyKeyHeader;

    protected override string StoredToken => Renewal.AcquirerTokenId;

    protected override Type FirstChargeRefusal => typeof(AcquirerRejectedException);

    protected override bool ReadsRides => true;

    protected override string PathOf(AcquirerOperation operation) => "/v1/payments";

    protected override Answer Approved(AcquirerOperation operation) => new(201, Seed002Answers.Completed);

    protected override Answer Declined(AcquirerOperation operation) => new(201, Seed002Answers.Declined);

    protected override Answer Refusal(AcquirerOperation operation) => new(422, Seed002Answers.Problem);

    protected override Answer Revoked(AcquirerOperation operation) => new(201, Seed002Answers.Revoked);

    protected override Answer StepUp() => new(201, Seed002Answers.StepUp);

    protected override async Task<Outcome> FirstChargeAsync(IServiceProvider services, string key)
    {
        var payment = await services.GetRequiredService<PartnerPaymentsClient>().CreateAsync(
            new PartnerPaymentRequest
            {
                Reference = "3f2a9c1e7b5d4e6f8a0b1c2d3e4f5a6b",
                Currency = "USD",
                Amount = 999,
                Scopes = ["payment:customer_not_present"],
                KlarnaNetworkSessionToken = "krn:network:session-token",
                ReturnUrl = OutboundClientHost.ReturnUrl,
            },
            key,
            CancellationToken.None);
        return new(payment.Status switch
        {
            "completed" => OutcomeKind.Approved,
            "failed" => OutcomeKind.Declined,
            _ => OutcomeKind.Pending,
        }, payment.PaymentId, payment.FailureReason);
    }
}
