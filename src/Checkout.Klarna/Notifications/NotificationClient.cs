namespace Checkout.Klarna.Notifications;

using System.Net.Sockets;
using System.Text;
using Checkout.Klarna.PaymentRequests;
using Refit;

public sealed record WebhookRegistration(string Id, string Url, IReadOnlyList<string> EventTypes, string Status, string SigningKeyId);

public sealed record CreatedSigningKey(string Id, string Secret);

/// <summary>
/// Klarna's Notification API: signing keys and webhook registrations. Every failure is a <see cref="KlarnaNotificationException"/>
/// that says what to do.
/// </summary>
public sealed class NotificationClient(IKlarnaNotificationApi api, Uri baseUrl)
{
    public async Task<CreatedSigningKey> CreateSigningKeyAsync(CancellationToken cancellationToken)
    {
        var key = await SendAsync(() => api.CreateSigningKeyAsync(new NewSigningKeyWire(), cancellationToken), "POST /v2/notification/signing-keys");
        var id = key?.SigningKeyId ?? key?.KeyId;
        var secret = key?.SigningKey ?? key?.Secret ?? key?.Key;
        return id is null || secret is null
            ? throw new KlarnaNotificationException("Klarna created a signing key but its answer had no signing_key_id and signing_key; create one in the Klarna Portal instead.")
            : new CreatedSigningKey(id, secret);
    }

    public async Task<WebhookRegistration> CreateWebhookAsync(Uri url, IReadOnlyList<string> eventTypes, string signingKeyId, CancellationToken cancellationToken)
    {
        var body = new NewWebhookWire(url.AbsoluteUri, eventTypes, "v2", signingKeyId, "ENABLED");
        return Registration(await SendAsync(() => api.CreateWebhookAsync(body, cancellationToken), "POST /v2/notification/webhooks"));
    }

    public async Task<IReadOnlyList<WebhookRegistration>> ListWebhooksAsync(CancellationToken cancellationToken)
    {
        var list = await SendAsync(() => api.ListWebhooksAsync(cancellationToken), "GET /v2/notification/webhooks");
        return [.. (list?.Webhooks ?? []).OfType<WebhookWire>().Select(Registration)];
    }

    public async Task DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken) =>
        await SendAsync(() => api.DeleteWebhookAsync(webhookId, cancellationToken), "DELETE /v2/notification/webhooks/" + Uri.EscapeDataString(webhookId));

    /// <summary>The answer's body (null when empty or unreadable), or the failure as one line that says what to do.</summary>
    private async Task<T?> SendAsync<T>(Func<Task<IApiResponse<T>>> send, string call)
        where T : class
    {
        IApiResponse<T> response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException e)
        {
            throw new KlarnaNotificationException($"Klarna is unreachable at {baseUrl.GetLeftPart(UriPartial.Authority)} ({Reason(e)}): check Klarna:BaseUrl and the network.");
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new KlarnaNotificationException($"Klarna at {baseUrl.GetLeftPart(UriPartial.Authority)} did not answer in time: check Klarna:BaseUrl and the network.");
        }

        using (response)
        {
            var status = (int)response.StatusCode.GetValueOrDefault();
            if (status is 401 or 403)
            {
                throw new KlarnaNotificationException($"Klarna rejected the API key (HTTP {status}): check Klarna:ApiKey and that it belongs to {baseUrl.Host}.");
            }
            if (!response.IsSuccessStatusCode)
            {
                var text = (response.Error as ApiException)?.Content;
                var error = KlarnaErrorReader.Read(string.IsNullOrEmpty(text) ? [] : Encoding.UTF8.GetBytes(text));
                var message = error?.ErrorMessage ?? response.ReasonPhrase ?? "no details";
                var details = error?.ValidationErrors is { } errors
                    ? " (" + string.Join("; ", errors.Select(e => $"{e.Parameter}: {e.Reason}")) + ")"
                    : "";
                throw new KlarnaNotificationException($"Klarna answered HTTP {status} to {call}: {message}{details}");
            }
            return response.Content;
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

    private static WebhookRegistration Registration(WebhookWire? webhook) => new(
        webhook?.WebhookId ?? "",
        webhook?.Url ?? "",
        [.. (webhook?.EventTypes ?? []).Select(type => type ?? "")],
        webhook?.Status ?? "",
        webhook?.SigningKeyId ?? "");
}
