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

    [Fact]
    public void Completed_event_with_the_tokens_at_the_top_of_the_payload_yields_both_tokens()
    {
        // Where Krokedil's public v2 integration (PaymentStateCompleted.php) reads them.
        const string body = """
            {"metadata":{"event_type":"payment.request.state-change.completed","event_id":"e2","event_version":"v2","correlation_id":"c-1","webhook_id":"w-1","live":false},
             "payload":{"payment_request_id":"krn:payment:eu1:request:2","state":"COMPLETED","payment_request_reference":"ref-2",
               "klarna_network_session_token":"krn:network:session:top",
               "klarna_customer":{"customer_token":"krn:customer-token:top","customer_token_reference":"ref-2"},
               "state_context":{}}}
            """;
        var outcome = WebhookEnvelope.TryParse(Encoding.UTF8.GetBytes(body))!.Payload!.ToOutcome(Received)!;

        Assert.Equal("krn:network:session:top", outcome.SessionToken!.Value);
        Assert.Equal("krn:customer-token:top", outcome.CustomerToken!.Value);
        Assert.Equal("ref-2", outcome.CustomerToken.Reference);
    }

    [Fact]
    public void Tokens_in_both_places_agree_and_an_empty_one_does_not_hide_the_other()
    {
        const string body = """
            {"metadata":{"event_type":"payment.request.state-change.completed","event_id":"e3"},
             "payload":{"payment_request_id":"krn:3","state":"COMPLETED",
               "klarna_network_session_token":"", "klarna_customer":{"customer_token":""},
               "state_context":{"klarna_network_session_token":"krn:session:ctx","klarna_customer":{"customer_token":"krn:token:ctx"}}}}
            """;
        var outcome = WebhookEnvelope.TryParse(Encoding.UTF8.GetBytes(body))!.Payload!.ToOutcome(Received)!;

        Assert.Equal("krn:session:ctx", outcome.SessionToken!.Value);
        Assert.Equal("krn:token:ctx", outcome.CustomerToken!.Value);
    }

    [Fact]
    public void Unknown_fields_and_missing_optional_ones_are_ignored()
    {
        const string body = """
            {"metadata":{"event_type":"payment.request.state-change.completed","event_id":"e4","something_new":{"a":[1,2]}},
             "payload":{"payment_request_id":"krn:4","state":"COMPLETED","new_field":true,"state_context":{"new_context":"x"}},
             "extra":"ignored"}
            """;
        var outcome = WebhookEnvelope.TryParse(Encoding.UTF8.GetBytes(body))!.Payload!.ToOutcome(Received)!;

        Assert.Equal(PaymentRequestState.Completed, outcome.State);
        Assert.Null(outcome.SessionToken);
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
