namespace Checkout.Web.Events;

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;

/// <summary>What one POST of an event came to: 2xx is delivered, anything else (or no answer in time) is not.</summary>
public sealed record AttemptOutcome(bool Delivered, int? StatusCode, string? Error, long DurationMilliseconds);

/// <summary>
/// POSTs an event's exact body to an endpoint, signed as Standard Webhooks specifies: <c>webhook-id</c> (the event's
/// id, the same on every retry), <c>webhook-timestamp</c> and <c>webhook-signature</c> (<c>v1,</c> HMAC-SHA256 with
/// the endpoint's <c>whsec_</c> secret), through a pooled client with a timeout per attempt and no redirects.
/// </summary>
public sealed class SignedEventSender(IHttpClientFactory http, IOptions<EventDeliverySettings> settings)
{
    public const string HttpClientName = "MerchantWebhooks";
    public const string UserAgent = "Checkout-Webhooks/1";

    /// <summary>The signature's timestamp is the wall clock's: receivers check it against theirs (5 minutes either way), whatever a test clock says.</summary>
    private static readonly TimeProvider SendingClock = TimeProvider.System;

    public async Task<AttemptOutcome> SendAsync(
        WebhookEndpointSettings endpoint, string eventId, string payload, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = Sign(endpoint, eventId, payload, SendingClock.GetUtcNow());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Value.AttemptTimeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new AttemptOutcome(true, code, null, Elapsed(started))
                : new AttemptOutcome(false, code, $"The endpoint answered {code}.", Elapsed(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(false, null, $"No answer within {settings.Value.AttemptTimeout.TotalSeconds:0.###} s.", Elapsed(started));
        }
        catch (HttpRequestException e)
        {
            return new AttemptOutcome(false, null, Truncate($"Could not reach the endpoint: {e.Message}"), Elapsed(started));
        }
    }

    /// <summary>The signed request for one attempt; the body is sent byte for byte as stored, so the signature covers it.</summary>
    public static HttpRequestMessage Sign(WebhookEndpointSettings endpoint, string eventId, string payload, DateTimeOffset timestamp)
    {
        var signature = new StandardWebhook(endpoint.Secret!).Sign(eventId, timestamp, payload);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(payload, new UTF8Encoding(false), new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", eventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        return request;
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
}
