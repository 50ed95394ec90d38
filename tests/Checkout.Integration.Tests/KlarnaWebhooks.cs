namespace Checkout.Integration.Tests;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>Builds and sends Klarna webhooks signed with the app's configured key, as Klarna would.</summary>
public sealed class KlarnaWebhooks(CheckoutAppFactory app)
{
    /// <summary>The emulator's signing key, which the app is configured to verify.</summary>
    public (string KeyId, string Secret) SigningKey => (app.Emulator.Keys.SigningKeyId, app.Emulator.Keys.SigningKey);

    /// <summary>The completed event Klarna would send for a payment request, read back from the emulator.</summary>
    public async Task<string> EnvelopeFromKlarnaAsync(string paymentRequestId, string eventType = "payment.request.state-change.completed", DateTimeOffset? occurredAt = null)
    {
        using var http = new HttpClient { BaseAddress = app.Emulator.Root };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"sandbox/klarna/v2/payment/requests/{Uri.EscapeDataString(paymentRequestId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", app.KlarnaApiKey);
        var payload = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonNode>();
        var envelope = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["event_type"] = eventType,
                ["event_id"] = Guid.NewGuid().ToString(),
                ["event_version"] = "v2",
                ["occurred_at"] = (occurredAt ?? DateTimeOffset.UtcNow).ToString("O"),
                ["live"] = false,
            },
            ["payload"] = payload,
        };
        return envelope.ToJsonString();
    }

    public Task<HttpResponseMessage> SendAsync(string body) => SendAsync(body, SigningKey.KeyId, Sign(SigningKey.Secret, body));

    public async Task<HttpResponseMessage> SendAsync(string body, string? keyId, string? signature, params (string Name, string Value)[] extraHeaders)
    {
        using var http = new HttpClient { BaseAddress = app.RootUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/klarna")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (keyId is not null)
        {
            request.Headers.TryAddWithoutValidation("Klarna-Signing-Key-Id", keyId);
        }
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Klarna-Signature", signature);
        }
        foreach (var (name, value) in extraHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await http.SendAsync(request);
    }

    public static string Sign(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static string EventIdOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("metadata").GetProperty("event_id").GetString()!;
}
