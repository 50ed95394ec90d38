namespace Checkout.Unit.Tests.Acquiring;

using Checkout.Acquiring;

/// <summary>
/// Token charges are read by Klarna's public results (APPROVED, DECLINED, STEP_UP_REQUIRED), in the acquirer's status
/// or in the Klarna data it passed on; a reason code that names a revoked token is a hint, never needed.
/// </summary>
public sealed class TokenChargeResultTests
{
    private const string Declined = """{"content_type":"vnd.klarna.network-data.v2+json","content":{"operation":"payment_request","response":{"result":"DECLINED"}}}""";
    private const string Approved = """{"content_type":"vnd.klarna.network-data.v2+json","content":{"operation":"payment_request","response":{"result":"APPROVED"}}}""";

    [Theory]
    [InlineData("completed", TokenChargeStatus.Approved)]
    [InlineData("APPROVED", TokenChargeStatus.Approved)]
    [InlineData("failed", TokenChargeStatus.Declined)]
    [InlineData("DECLINED", TokenChargeStatus.Declined)]
    public void The_acquirers_status_in_its_words_or_klarnas_gives_the_result(string status, TokenChargeStatus expected) =>
        Assert.Equal(expected, TokenChargeAnswer.Map(status, "pay_1", null, null).Status);

    [Theory]
    [InlineData(Approved, TokenChargeStatus.Approved)]
    [InlineData(Declined, TokenChargeStatus.Declined)]
    public void Without_a_status_klarnas_result_in_the_network_data_decides(string networkData, TokenChargeStatus expected) =>
        Assert.Equal(expected, TokenChargeAnswer.Map(null, "pay_1", null, null, networkData).Status);

    [Fact]
    public void A_plain_decline_without_any_reason_code_is_a_decline_with_a_readable_reason()
    {
        var result = TokenChargeAnswer.Map("DECLINED", "pay_1", null, null);

        Assert.Equal(new TokenChargeResult(TokenChargeStatus.Declined, "pay_1", "declined"), result);
    }

    [Theory]
    [InlineData("TOKEN_REVOKED")]
    [InlineData("CUSTOMER_TOKEN_REVOKED")]
    [InlineData("token_revoked")]
    public void A_reason_code_naming_a_revoked_token_is_taken_as_a_revocation(string reason) =>
        Assert.Equal(TokenChargeStatus.TokenRevoked, TokenChargeAnswer.Map("failed", "pay_1", reason, null).Status);

    [Theory]
    [InlineData("open")]
    [InlineData("STEP_UP_REQUIRED")]
    [InlineData("pending")]
    [InlineData(null)]
    public void A_step_up_or_no_readable_result_leaves_a_renewal_undecided(string? status) =>
        Assert.Throws<AcquirerUnavailableException>(() => TokenChargeAnswer.Map(status, "pay_1", null, null, "not json"));

    [Theory]
    [InlineData("STEP_UP_REQUIRED", null, CustomerPresentChargeStatus.StepUpRequired)]
    [InlineData("APPROVED", null, CustomerPresentChargeStatus.Approved)]
    [InlineData("DECLINED", null, CustomerPresentChargeStatus.Declined)]
    [InlineData("DECLINED", "CUSTOMER_TOKEN_REVOKED", CustomerPresentChargeStatus.TokenRevoked)]
    public void A_ride_is_read_by_klarnas_result_names_too(string status, string? reason, CustomerPresentChargeStatus expected) =>
        Assert.Equal(expected, CustomerPresentAnswer.Map(status, "pay_1", null, "https://pay.test.klarna.com/x/start", reason, null).Status);
}
