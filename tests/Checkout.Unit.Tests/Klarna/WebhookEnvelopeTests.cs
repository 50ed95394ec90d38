namespace Checkout.Unit.Tests.Klarna;

using System.Text;
using Checkout.Domain.Orders;
using Checkout.Klarna.PaymentRequests;
using Checkout.Klarna.Webhooks;

public sealed class WebhookEnvelopeTests
{
    private static readonly DateTimeOffset Received = new(2026, 4, 1, 16, 55, 17, TimeSpan.Zero);

    [Fact]
    public void Completed_event_in_the_seed_shape_yields_both_tokens()
    {
        const string body = """
            {"metadata":{"event_type":"payment.request.state-change.completed","event_id":"d9f9b1a0-5b1a-4b0e-9b0a-9e9b1a0d5b1a","event_version":"v2","occurred_at":"2026-04-01T16:55:17Z","live":false},
             "payload":{"payment_request_id":"krn:payment:us1:request:bcb5ca7d","state":"COMPLETED","previous_state":"IN_PROGRESS",
               "state_context":{"klarna_network_session_token":"krn:network:us1:test:session-token:abc",
                 "klarna_customer":{"customer_token":"krn:partner:us1:test:identity:customer-token:Rt4i","customer_token_reference":"subscription-user-12345"}}}}
            """;
        var envelope = WebhookEnvelope.TryParse(Encoding.UTF8.GetBytes(body))!;
        var outcome = envelope.Payload!.ToOutcome(Received)!;

        Assert.Equal(WebhookEnvelope.CompletedEventType, envelope.Metadata!.EventType);
        Assert.Equal(PaymentRequestState.Completed, outcome.State);
        Assert.Equal("krn:network:us1:test:session-token:abc", outcome.SessionToken!.Value);
        Assert.Equal("krn:partner:us1:test:identity:customer-token:Rt4i", outcome.CustomerToken!.Value);
        Assert.Equal("subscription-user-12345", outcome.CustomerToken.Reference);
    }

    [Fact]
    public void Older_payload_with_a_top_level_interoperability_token_is_understood()
    {
        const string body = """
            {"metadata":{"event_type":"payment.request.state-change.completed","event_id":"e1"},
             "payload":{"payment_request_id":"krn:payment:eu1:request:1","state":"COMPLETED","interoperability_token":"krn:interop:old"}}
            """;
        var outcome = WebhookEnvelope.TryParse(Encoding.UTF8.GetBytes(body))!.Payload!.ToOutcome(Received)!;

        Assert.Equal("krn:interop:old", outcome.SessionToken!.Value);
        Assert.Null(outcome.CustomerToken);
    }

    [Theory]
    [InlineData("""{"metadata":{"event_type":"x"}}""")]
    [InlineData("""{"metadata":{"event_id":"e1"}}""")]
    [InlineData("""{"payload":{}}""")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void Envelope_without_an_event_id_and_type_is_not_accepted(string body) =>
        Assert.Null(WebhookEnvelope.TryParse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Unknown_state_gives_no_outcome() =>
        Assert.Null(new PaymentRequestRead { PaymentRequestId = "krn:1", State = "PAUSED" }.ToOutcome(Received));
}
