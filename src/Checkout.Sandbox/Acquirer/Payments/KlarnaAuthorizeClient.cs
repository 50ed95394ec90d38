using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>Klarna's answer: the HTTP status and the JSON body, when there was one.</summary>
internal sealed record KlarnaAnswer(int Status, JsonObject? Body)
{
    public bool IsSuccess => Status is >= 200 and < 300 && Body is not null;

    public bool IsTransientFailure => Status is 0 or 408 or 429 or >= 500;
}

/// <summary>The acquirer's client for Klarna's Payment Authorize API, over HTTP like any other Klarna client.</summary>
internal sealed class KlarnaAuthorizeClient(IHttpClientFactory httpClients, IOptions<SandboxOptions> options)
{
    public const string HttpClientName = "sandbox-acquirer-klarna";

    public async Task<KlarnaAnswer> AuthorizeAsync(
        Uri klarnaBaseUrl, string body, string? sessionToken, string idempotencyKey, CancellationToken cancellationToken, string? customerToken = null)
    {
        var acquirer = options.Value.Acquirer;
        var path = $"v2/accounts/{Uri.EscapeDataString(acquirer.PartnerAccountId)}/payment/authorize";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(klarnaBaseUrl, path));
        request.Headers.TryAddWithoutValidation("Authorization", $"Basic {acquirer.KlarnaApiKey}");
        request.Headers.Add("Klarna-Idempotency-Key", idempotencyKey);
        if (!string.IsNullOrEmpty(sessionToken))
        {
            request.Headers.Add("Klarna-Network-Session-Token", sessionToken);
        }

        if (!string.IsNullOrEmpty(customerToken))
        {
            request.Headers.Add("Klarna-Customer-Token", customerToken);
        }

        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new KlarnaAnswer((int)response.StatusCode, Parse(text));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new KlarnaAnswer(0, null);
        }
    }

    /// <summary>The base URL configured, or this app's own emulator at the origin the partner called.</summary>
    public Uri BaseUrlFor(string requestOrigin)
    {
        var configured = options.Value.Acquirer.KlarnaBaseUrl;
        var baseUrl = string.IsNullOrEmpty(configured) ? $"{requestOrigin}/sandbox/klarna/" : configured;
        return new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
    }

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
}
