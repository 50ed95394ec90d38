namespace Checkout.Web.Infrastructure.Http;

using Checkout.Acquiring;
using Checkout.Klarna;
using Microsoft.Extensions.Options;
using Polly;

/// <summary>One resilience pipeline per upstream for the app's lifetime, so a circuit breaker remembers across handler rotations.</summary>
public sealed class OutboundPipelines(IOptions<KlarnaOptions> klarna, IOptions<AcquirerOptions> acquirer, TimeProvider clock)
{
    private const int MaxRetries = 3;

    public ResiliencePipeline<HttpResponseMessage> Klarna { get; } = ResilienceHandler.BuildPipeline(klarna.Value.Timeout, MaxRetries, clock);

    public ResiliencePipeline<HttpResponseMessage> Acquirer { get; } = ResilienceHandler.BuildPipeline(acquirer.Value.Timeout, MaxRetries, clock);
}
