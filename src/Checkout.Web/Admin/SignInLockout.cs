namespace Checkout.Web.Admin;

using System.Threading.RateLimiting;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

/// <summary>
/// The sign-in page's rate-limiter policy: a client (its address, the real one behind configured proxies) that sent
/// <c>Admin:LoginAttemptsPerMinute</c> wrong keys within a minute is answered 429 until the minute is over. Only failures
/// count, so an operator typing the right key is never locked out by earlier successes; the page is otherwise limited like
/// every page.
/// </summary>
public sealed partial class SignInLockout(IOptions<AdminSettings> admin, IOptions<RateLimitSettings> limits, ILogger<SignInLockout> log)
    : IRateLimiterPolicy<string>, IDisposable
{
    public const string Policy = "operator-sign-in";

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = admin.Value.LoginAttemptsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Answers the locked-out client (this policy's answer replaces the limiter's default one) and logs it.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        LogLockedOut(log, ClientOf(context.HttpContext), admin.Value.LoginAttemptsPerMinute);
        context.HttpContext.Response.Headers.RetryAfter = "60";
        await TypedResults.Problem("Too many wrong admin keys from here. Wait a minute and try again.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Slow down").ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var client = ClientOf(httpContext);
        if (HttpMethods.IsPost(httpContext.Request.Method) && IsLockedOut(client))
        {
            return RateLimitPartition.Get("locked", _ => new RefuseAll());
        }
        return RateLimits.ReadsPartition(client, limits.Value.ReadsPerMinute);
    }

    /// <summary>Counts a wrong key; logs a warning (an operator can alert on it) each time it is from a client already refused before.</summary>
    public void Failed(HttpContext httpContext)
    {
        var client = ClientOf(httpContext);
        using var lease = _failures.AttemptAcquire(client);
        var left = _failures.GetStatistics(client)?.CurrentAvailablePermits ?? 0;
        var failures = admin.Value.LoginAttemptsPerMinute - left;
        if (failures > 1)
        {
            LogRepeatedFailures(log, client, failures);
        }
    }

    public static string ClientOf(HttpContext httpContext) => httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private bool IsLockedOut(string client) => _failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 };

    public void Dispose() => _failures.Dispose();

    [LoggerMessage(EventId = 4102, EventName = "OperatorSignInRepeatedFailures", Level = LogLevel.Warning,
        Message = "Operator sign-in: {Failures} wrong keys from {Client} within a minute")]
    private static partial void LogRepeatedFailures(ILogger logger, string client, long failures);

    [LoggerMessage(EventId = 4103, EventName = "OperatorSignInLockedOut", Level = LogLevel.Warning,
        Message = "Operator sign-in locked for {Client} after {Limit} wrong keys within a minute")]
    private static partial void LogLockedOut(ILogger logger, string client, int limit);

    /// <summary>A limiter that grants nothing: the locked-out client's sign-ins.</summary>
    private sealed class RefuseAll : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused.Lease;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult<RateLimitLease>(Refused.Lease);
    }

    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Lease = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
