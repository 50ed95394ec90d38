using System.Net.Http.Headers;
using Checkout.Sandbox.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>
/// Posts each signed callback until a 2xx, retrying after each configured delay; callbacks of one payment
/// go in order, like the Klarna emulator's webhook sender.
/// </summary>
internal sealed partial class PartnerCallbackSender(
    PartnerCallbacks callbacks,
    IHttpClientFactory httpClients,
    IOptions<SandboxOptions> options,
    TimeProvider time,
    ILogger<PartnerCallbackSender> logger) : InOrderSender<string, PartnerCallback>(callbacks.Reader, callback => callback.PaymentId)
{
    public const string HttpClientName = "sandbox-acquirer-callbacks";

    protected override async Task DeliverAsync(PartnerCallback callback, CancellationToken cancellationToken)
    {
        var acquirer = options.Value.Acquirer;
        var delays = acquirer.CallbackRetryDelays ?? SandboxKlarnaOptions.DefaultWebhookRetryDelays;
        var signature = PartnerCallbacks.Sign(acquirer.WebhookSecret, callback.Body);
        using var span = EmulatorTelemetry.StartDelivery("acquirer.callback.deliver", callback.Cause, callback.Url, callback.EventId);
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TrySendAsync(callback, signature, cancellationToken);
            if (failure is null)
            {
                LogDelivered(callback.EventId, callback.Url, attempt);
                return;
            }

            if (attempt > delays.Length)
            {
                LogGaveUp(callback.EventId, callback.Url, attempt, failure);
                return;
            }

            LogRetrying(callback.EventId, callback.Url, attempt, failure, delays[attempt - 1]);
            await Task.Delay(delays[attempt - 1], time, cancellationToken);
        }
    }

    private async Task<string?> TrySendAsync(PartnerCallback callback, string signature, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url);
            request.Content = new ByteArrayContent(callback.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(PartnerCallbacks.SignatureHeader, signature);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return exception.GetType().Name + ": " + exception.Message;
        }
    }

    [LoggerMessage(LogLevel.Information, "Sandbox acquirer callback {CallbackEventId} delivered to {Url} on attempt {Attempt}")]
    private partial void LogDelivered(string callbackEventId, Uri url, int attempt);

    [LoggerMessage(LogLevel.Warning, "Sandbox acquirer callback {CallbackEventId} to {Url} failed on attempt {Attempt} ({Failure}); retrying in {Delay}")]
    private partial void LogRetrying(string callbackEventId, Uri url, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(LogLevel.Error, "Sandbox acquirer callback {CallbackEventId} to {Url} given up after {Attempt} attempts ({Failure})")]
    private partial void LogGaveUp(string callbackEventId, Uri url, int attempt, string failure);
}
