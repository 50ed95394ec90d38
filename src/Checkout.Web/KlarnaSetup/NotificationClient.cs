namespace Checkout.Web.KlarnaSetup;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

public sealed record WebhookRegistration(string Id, string Url, IReadOnlyList<string> EventTypes, string Status, string SigningKeyId);

public sealed record CreatedSigningKey(string Id, string Secret);

/// <summary>Klarna's Notification API: signing keys and webhook registrations. Every failure is a <see cref="KlarnaSetupException"/>.</summary>
public sealed class NotificationClient(HttpClient http, Uri baseUrl, string apiKey)
{
    public async Task<CreatedSigningKey> CreateSigningKeyAsync(CancellationToken cancellationToken)
    {
        var json = await SendAsync(HttpMethod.Post, "v2/notification/signing-keys", new JsonObject(), cancellationToken);
        var id = Text(json, "signing_key_id") ?? Text(json, "key_id");
        var secret = Text(json, "signing_key") ?? Text(json, "secret") ?? Text(json, "key");
        return id is null || secret is null
            ? throw new KlarnaSetupException("Klarna created a signing key but its answer had no signing_key_id and signing_key; create one in the Klarna Portal instead.")
            : new CreatedSigningKey(id, secret);
    }

    public async Task<WebhookRegistration> CreateWebhookAsync(Uri url, IReadOnlyList<string> eventTypes, string signingKeyId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["url"] = url.AbsoluteUri,
            ["event_types"] = new JsonArray([.. eventTypes.Select(type => JsonValue.Create(type))]),
            ["event_version"] = "v2",
            ["signing_key_id"] = signingKeyId,
            ["status"] = "ENABLED",
        };
        return Registration(await SendAsync(HttpMethod.Post, "v2/notification/webhooks", body, cancellationToken));
    }

    public async Task<IReadOnlyList<WebhookRegistration>> ListWebhooksAsync(CancellationToken cancellationToken)
    {
        var json = await SendAsync(HttpMethod.Get, "v2/notification/webhooks", null, cancellationToken);
        return json?["webhooks"] is JsonArray webhooks ? [.. webhooks.OfType<JsonObject>().Select(Registration)] : [];
    }

    public async Task DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Delete, "v2/notification/webhooks/" + Uri.EscapeDataString(webhookId), null, cancellationToken);

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", apiKey);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new KlarnaSetupException($"Klarna is unreachable at {baseUrl.GetLeftPart(UriPartial.Authority)} ({Reason(e)}): check Klarna:BaseUrl and the network.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KlarnaSetupException($"Klarna at {baseUrl.GetLeftPart(UriPartial.Authority)} did not answer in time: check Klarna:BaseUrl and the network.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new KlarnaSetupException($"Klarna rejected the API key (HTTP {(int)response.StatusCode}): check Klarna:ApiKey and that it belongs to {baseUrl.Host}.");
            }

            var json = Parse(text);
            if (!response.IsSuccessStatusCode)
            {
                var message = Text(json, "error_message") ?? response.ReasonPhrase ?? "no details";
                var details = json?["validation_errors"] is JsonArray errors
                    ? " (" + string.Join("; ", errors.OfType<JsonObject>().Select(e => $"{Text(e, "parameter")}: {Text(e, "reason")}")) + ")"
                    : "";
                throw new KlarnaSetupException($"Klarna answered HTTP {(int)response.StatusCode} to {method} /{path}: {message}{details}");
            }
            return json;
        }
    }

    private static string Reason(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => "host not found",
        _ when e.HttpRequestError == HttpRequestError.NameResolutionError => "host not found",
        _ when e.HttpRequestError == HttpRequestError.SecureConnectionError => "TLS handshake failed",
        _ when e.HttpRequestError == HttpRequestError.ConnectionError => "connection failed",
        _ => e.Message.ReplaceLineEndings(" "),
    };

    private static WebhookRegistration Registration(JsonObject? json) => new(
        Text(json, "webhook_id") ?? "",
        Text(json, "url") ?? "",
        json?["event_types"] is JsonArray types ? [.. types.Select(type => type?.GetValue<string>() ?? "")] : [],
        Text(json, "status") ?? "",
        Text(json, "signing_key_id") ?? "");

    private static JsonObject? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
