namespace Checkout.Web.Infrastructure.Http;

using Microsoft.Extensions.Http.Resilience;
using Polly;

/// <summary>
/// The resilience every upstream gets from Microsoft.Extensions.Http.Resilience: a total timeout, jittered
/// exponential retries that honour <c>Retry-After</c>, a circuit breaker that sees every attempt, and a timeout
/// per attempt. A request with effects is retried only when it carries its idempotency key, so a retry can never
/// create a second payment request or charge.
/// </summary>
public static class OutboundResilience
{
    public const int MaxRetries = 3;

    public static readonly string[] IdempotencyHeaders = ["Klarna-Idempotency-Key", "Idempotency-Key", "X-GCS-Idempotence-Key"];

    /// <summary>The longest wait a <c>Retry-After</c> may ask for; a longer one is cut to this.</summary>
    public static readonly TimeSpan RetryAfterCap = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Adds the upstream's pipeline, built once per named client and kept for the app's lifetime (so the breaker
    /// remembers across handler rotations), then a handler that reads each answer within its attempt.
    /// </summary>
    public static IHttpClientBuilder AddUpstreamResilience(this IHttpClientBuilder client, Func<IServiceProvider, TimeSpan> attemptTimeout)
    {
        client.AddResilienceHandler("upstream", (pipeline, context) =>
        {
            var timeout = attemptTimeout(context.ServiceProvider);
            pipeline
                .AddTimeout(timeout * (MaxRetries + 1) + RetryAfterCap)
                .AddRetry(Retry())
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                })
                .AddTimeout(timeout);
        });
        return client.AddHttpMessageHandler(() => new BufferedAttemptHandler());
    }

    /// <summary>Safe methods may be repeated; anything with effects only with its idempotency key.</summary>
    public static bool IsSafeToRepeat(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
            || IdempotencyHeaders.Any(request.Headers.Contains));

    private static HttpRetryStrategyOptions Retry()
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(
                HttpClientResiliencePredicates.IsTransient(args.Outcome) && IsSafeToRepeat(args.Context.GetRequestMessage())),
        };
        var retryAfter = retry.DelayGenerator!;
        retry.DelayGenerator = async args => await retryAfter(args) is { } delay ? (delay < RetryAfterCap ? delay : RetryAfterCap) : null;
        return retry;
    }
}
