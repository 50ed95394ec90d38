using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Checkout.Sandbox.Common;

namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>One status change for the partner, serialized once: every retry sends these exact bytes.</summary>
/// <paramref name="Cause"/>: the trace of the request that changed the status, which the delivery continues.
internal sealed record PartnerCallback(string PaymentId, string EventId, Uri Url, byte[] Body, ActivityContext Cause);

/// <summary>Status changes waiting for delivery to the partner's callback URL.</summary>
internal sealed class PartnerCallbacks
{
    public const string SignatureHeader = "Acquirer-Signature";

    private readonly Channel<PartnerCallback> _channel = Channel.CreateUnbounded<PartnerCallback>(
        new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<PartnerCallback> Reader => _channel.Reader;

    /// <summary>Call under the payment's lock, right after its status changed: the GET body plus <c>event_id</c>.</summary>
    public void Enqueue(PartnerPayment payment)
    {
        var eventId = $"evt_{RandomText.Hex(24)}";
        var body = new JsonObject { ["event_id"] = eventId };
        foreach (var (name, value) in JsonSerializer.SerializeToNode(PartnerPaymentView.Of(payment), SandboxJson.SnakeCase)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        _channel.Writer.TryWrite(new PartnerCallback(
            payment.PaymentId, eventId, payment.CallbackUrl, JsonSerializer.SerializeToUtf8Bytes(body), Activity.Current?.Context ?? default));
    }

    /// <summary>Lower-case hex HMAC-SHA256 of the raw body, keyed with the UTF-8 bytes of <c>Acquirer:WebhookSecret</c>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
