namespace Checkout.Contract.Tests.Upstream;

using Checkout.Acquiring;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// An upstream that answers only after the client has given up on each attempt, on a WireMock.Net of its own: the
/// answers it still owes when the test ends die with it rather than reach the shared server's log during the next test.
/// Its witness is what the client sent (<see cref="SentAttempts"/>): WireMock.Net logs a request once it has answered it,
/// and never one the client abandoned before a busy machine's server had read it.
/// </summary>
public sealed class SlowUpstream : IDisposable
{
    /// <summary>The attempt timeout the clients get: short, so each test runs its four attempts in seconds.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long a slow answer takes: it starts once the request is in, so it always outlasts the attempt.</summary>
    public static readonly TimeSpan Answer = TimeSpan.FromSeconds(3);

    public FakeUpstream Server { get; } = new();

    public SentAttempts Sent { get; } = new();

    /// <summary>The app's outbound clients pointed at this upstream, with <see cref="AttemptTimeout"/> and their attempts recorded.</summary>
    public ServiceProvider Clients(AcquirerKind kind, IDictionary<string, string?>? overrides = null) =>
        OutboundClientHost.Create(Server.BaseAddress, kind, AttemptTimeout, overrides, Sent.RecordIn);

    public void Dispose() => Server.Dispose();
}
