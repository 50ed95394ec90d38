namespace Checkout.Unit.Tests.Domain.OnDemand;

using Checkout.Acquiring;
using Checkout.Domain.OnDemand;
using Checkout.Domain.Pricing;

public sealed class OnDemandChargeTests
{
    [Theory]
    [InlineData(OnDemandChargeStatus.Pending, OnDemandChargeStatus.StepUpRequired, true)]
    [InlineData(OnDemandChargeStatus.Pending, OnDemandChargeStatus.Approved, true)]
    [InlineData(OnDemandChargeStatus.Pending, OnDemandChargeStatus.TokenRevoked, true)]
    [InlineData(OnDemandChargeStatus.StepUpRequired, OnDemandChargeStatus.Approved, true)]
    [InlineData(OnDemandChargeStatus.StepUpRequired, OnDemandChargeStatus.Declined, true)]
    [InlineData(OnDemandChargeStatus.StepUpRequired, OnDemandChargeStatus.Expired, true)]
    [InlineData(OnDemandChargeStatus.Pending, OnDemandChargeStatus.Expired, false)]
    [InlineData(OnDemandChargeStatus.Expired, OnDemandChargeStatus.Approved, false)]
    [InlineData(OnDemandChargeStatus.StepUpRequired, OnDemandChargeStatus.Pending, false)]
    [InlineData(OnDemandChargeStatus.StepUpRequired, OnDemandChargeStatus.TokenRevoked, false)]
    [InlineData(OnDemandChargeStatus.Approved, OnDemandChargeStatus.Declined, false)]
    [InlineData(OnDemandChargeStatus.Declined, OnDemandChargeStatus.Approved, false)]
    [InlineData(OnDemandChargeStatus.Approved, OnDemandChargeStatus.Approved, false)]
    public void A_charge_only_moves_forward_and_its_final_answer_stays(OnDemandChargeStatus from, OnDemandChargeStatus to, bool allowed) =>
        Assert.Equal(allowed, OnDemandChargeTransitions.IsAllowed(from, to));

    [Fact]
    public void A_new_charge_is_pending_and_its_acquirer_key_and_reference_come_from_its_id()
    {
        var charge = OnDemandCharge.Open(Guid.NewGuid(), "merchant-key-1", "digest", Money.Of(1500, "USD"), "ride-1", DateTimeOffset.UnixEpoch);

        Assert.Equal(OnDemandChargeStatus.Pending, charge.Status);
        Assert.Equal($"on-demand-{charge.Id:N}-charge", charge.AcquirerIdempotencyKey);
        Assert.Equal($"ride-{charge.Id:N}", charge.Reference);
        Assert.DoesNotContain("merchant-key-1", charge.AcquirerIdempotencyKey, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ride_of_nothing_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            OnDemandCharge.Open(Guid.NewGuid(), "k", "d", Money.Of(0, "USD"), "ride-1", DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData("completed", null, CustomerPresentChargeStatus.Approved)]
    [InlineData("open", null, CustomerPresentChargeStatus.StepUpRequired)]
    [InlineData("failed", "DECLINED", CustomerPresentChargeStatus.Declined)]
    [InlineData("failed", "TOKEN_REVOKED", CustomerPresentChargeStatus.TokenRevoked)]
    public void The_acquirers_status_maps_to_the_rides_result(string status, string? failureReason, CustomerPresentChargeStatus expected) =>
        Assert.Equal(expected, CustomerPresentAnswer.Map(status, "pay_1", null, "https://pay.test.klarna.com/x/start", failureReason, null).Status);

    [Theory]
    [InlineData("open", null)]
    [InlineData("pending", "https://pay.test.klarna.com/x/start")]
    public void An_open_answer_without_a_url_or_an_unknown_status_is_an_unknown_outcome(string status, string? url) =>
        Assert.Throws<AcquirerUnavailableException>(() => CustomerPresentAnswer.Map(status, "pay_1", null, url, null, null));
}
