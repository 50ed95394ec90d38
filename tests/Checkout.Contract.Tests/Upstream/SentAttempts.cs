namespace Checkout.Contract.Tests.Upstream;

using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

/// <summary>
/// Every attempt as it leaves a client, beneath its resilience pipeline: the witness for attempts the client gave up on
/// before the server read them. WireMock.Net logs only what it has read, so on a busy machine its log may miss an
/// attempt that timed out early.
/// </summary>
public sealed class SentAttempts
{
    private readonly ConcurrentQueue<HttpRequestMessage> _sent = new();

    /// <summary>Records the attempts of every HTTP client in <paramref name="services"/>, innermost of their handlers.</summary>
    public void RecordIn(IServiceCollection services) =>
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(
            b => b.AdditionalHandlers.Add(new Recorder(_sent))));

    /// <summary>The idempotency key of each attempt sent to <paramref name="path"/>, in order.</summary>
    public IReadOnlyList<string?> KeysSentTo(string path, string idempotencyHeader) =>
        [.. _sent.Where(r => r.RequestUri!.AbsolutePath == path)
            .Select(r => r.Headers.TryGetValues(idempotencyHeader, out var values) ? values.Single() : null)];

    private sealed class Recorder(ConcurrentQueue<HttpRequestMessage> sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
