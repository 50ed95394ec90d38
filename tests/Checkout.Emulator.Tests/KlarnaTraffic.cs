using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

internal sealed record KlarnaExchange(string Path, string? SessionToken, string? IdempotencyKey, string RequestBody, int Status, string ResponseBody)
{
    public JsonObject Request => JsonNode.Parse(RequestBody)!.AsObject();

    public JsonObject Response => JsonNode.Parse(ResponseBody)!.AsObject();

    public bool IsFinalization => SessionToken is not null && Path.EndsWith("/payment/authorize", StringComparison.Ordinal);
}

/// <summary>Records the sandbox acquirer's calls to Klarna on the wire; a test may rewrite a finalization body.</summary>
internal sealed class KlarnaTraffic
{
    /// <summary>The sandbox acquirer's named HttpClient for Klarna.</summary>
    public const string AcquirerClientName = "sandbox-acquirer-klarna";

    public ConcurrentQueue<KlarnaExchange> Exchanges { get; } = new();

    /// <summary>Rewrites the body of a finalization call (one carrying Klarna-Network-Session-Token) before it is sent.</summary>
    public Func<JsonObject, JsonObject>? RewriteFinalization { get; set; }

    /// <summary>When set, finalization calls wait for it: a test can act while one is in flight.</summary>
    public TaskCompletionSource? FinalizationGate { get; set; }

    public int FinalizationsStarted => _finalizationsStarted;

    private int _finalizationsStarted;

    public void CountFinalization() => Interlocked.Increment(ref _finalizationsStarted);

    public KlarnaExchange[] Authorizations => [.. Exchanges.Where(exchange => exchange.Path.EndsWith("/payment/authorize", StringComparison.Ordinal))];
}

internal sealed class KlarnaTrafficHandler(KlarnaTraffic traffic) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var sessionToken = request.Headers.TryGetValues("Klarna-Network-Session-Token", out var tokens) ? tokens.Single() : null;
        if (sessionToken is not null)
        {
            traffic.CountFinalization();
            if (traffic.FinalizationGate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
        }

        if (sessionToken is not null && traffic.RewriteFinalization is { } rewrite)
        {
            body = rewrite(JsonNode.Parse(body)!.AsObject()).ToJsonString();
            var contentType = request.Content!.Headers.ContentType;
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType;
        }

        var response = await base.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        var idempotencyKey = request.Headers.TryGetValues("Klarna-Idempotency-Key", out var keys) ? keys.Single() : null;
        traffic.Exchanges.Enqueue(new KlarnaExchange(
            request.RequestUri!.AbsolutePath, sessionToken, idempotencyKey, body, (int)response.StatusCode, answer));
        return response;
    }
}
