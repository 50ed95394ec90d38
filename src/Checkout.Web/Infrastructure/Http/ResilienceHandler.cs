namespace Checkout.Web.Infrastructure.Http;

using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

/// <summary>
/// Timeout per attempt and jittered retries for an outbound client. A POST is retried only when it carries
/// an idempotency key, so a retry can never create a second payment request or charge.
/// </summary>
public sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    public static readonly string[] IdempotencyHeaders = ["Klarna-Idempotency-Key", "Idempotency-Key", "X-GCS-Idempotence-Key"];

    private static readonly ResiliencePropertyKey<bool> Retryable = new("checkout.retryable");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Retryable, IsSafeToRepeat(request));
        try
        {
            return await pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Handler.SendAttemptAsync(state.Request, ctx.CancellationToken),
                context,
                (Handler: this, Request: request));
        }
        catch (TimeoutRejectedException e) when (!cancellationToken.IsCancellationRequested)
        {
            // As HttpClient reports its own timeout, so callers that catch HttpClient's failures catch this one too.
            throw new TaskCanceledException(e.Message, new TimeoutException(e.Message, e));
        }
        catch (BrokenCircuitException e)
        {
            // Reported as a transport failure: every client already treats those as "not now, try later".
            throw new HttpRequestException($"Calls to {request.RequestUri?.Host} are paused after repeated failures.", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One attempt, body included: a connection that breaks mid-body or a body that stalls fails this attempt
    /// (and is retried under its timeout) instead of failing later, outside the pipeline, in the caller's read.
    /// </summary>
    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public static bool IsSafeToRepeat(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Delete || request.Method == HttpMethod.Head
        || IdempotencyHeaders.Any(request.Headers.Contains);

    /// <summary>Builds the pipeline every outbound client uses: retries inside, each attempt with its own timeout.</summary>
    public static ResiliencePipeline<HttpResponseMessage> BuildPipeline(TimeSpan attemptTimeout, int maxRetries, TimeProvider clock) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.Properties.GetValue(Retryable, false) && IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            })
            // Stops hammering an upstream that keeps failing; the breaker sees every attempt, retries included.
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(15),
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(attemptTimeout)
            .Build();

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500
            || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }
        var delay = retryAfter.Delta ?? (retryAfter.Date - DateTimeOffset.UtcNow);
        return delay is { } d && d > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(d.Ticks, TimeSpan.FromSeconds(30).Ticks)) : null;
    }
}
