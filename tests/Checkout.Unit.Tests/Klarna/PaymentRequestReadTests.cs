namespace Checkout.Unit.Tests.Klarna;

using System.Text.Json;
using Checkout.Domain.Orders;
using Checkout.Klarna;
using Checkout.Klarna.PaymentRequests;

/// <summary>Klarna's payment request answers, read as a tolerant reader: unknown fields ignored, optional ones optional.</summary>
public sealed class PaymentRequestReadTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static PaymentRequestRead Read(string json) => JsonSerializer.Deserialize<PaymentRequestRead>(json, KlarnaJson.Options)!;

    [Fact]
    public void Answer_with_only_an_id_and_a_state_is_understood()
    {
        var outcome = Read("""{"payment_request_id":"krn:1","state":"SUBMITTED"}""").ToOutcome(Now)!;

        Assert.Equal(PaymentRequestState.Submitted, outcome.State);
        Assert.Null(outcome.CustomerToken);
        Assert.Null(outcome.SessionToken);
    }

    [Fact]
    public void Fields_Klarna_adds_later_are_ignored_at_every_level()
    {
        var read = Read("""
            {"payment_request_id":"krn:2","state":"IN_PROGRESS","brand_new":{"nested":[1,{"x":null}]},
             "state_context":{"customer_interaction":{"method":"HANDOVER","payment_request_url":"https://pay.klarna.com/l/x","qr_code":"…"},"other":true},
             "expires_at":"2026-11-30T15:00:00Z","links":[{"rel":"self"}]}
            """);

        Assert.Equal("https://pay.klarna.com/l/x", read.StateContext!.CustomerInteraction!.PaymentRequestUrl);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero), read.ExpiresAt);
        Assert.Equal(PaymentRequestState.InProgress, read.ToOutcome(Now)!.State);
    }

    [Fact]
    public void Completed_read_without_a_token_reference_still_yields_the_customer_token()
    {
        var outcome = Read("""
            {"payment_request_id":"krn:3","state":"COMPLETED","state_context":{"klarna_customer":{"customer_token":"krn:token:3"},"klarna_network_session_token":"krn:session:3"}}
            """).ToOutcome(Now)!;

        Assert.Equal("krn:token:3", outcome.CustomerToken!.Value);
        Assert.Null(outcome.CustomerToken.Reference);
        Assert.Equal("krn:session:3", outcome.SessionToken!.Value);
    }

    [Theory]
    [InlineData("""{"state":"COMPLETED"}""")]
    [InlineData("""{"payment_request_id":"krn:4"}""")]
    [InlineData("""{"payment_request_id":"krn:4","state":null}""")]
    public void Answer_without_an_id_or_a_known_state_gives_nothing_to_act_on(string json) =>
        Assert.Null(Read(json).ToOutcome(Now));
}
