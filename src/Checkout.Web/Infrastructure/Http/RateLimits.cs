namespace Checkout.Web.Infrastructure.Http;

using System.Threading.RateLimiting;
using Checkout.Web.Infrastructure.Options;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

/// <summary>Per-client limits on the public endpoints (<c>RateLimits:*</c> per minute), answered with 429 and Retry-After.</summary>
public static class RateLimits
{
    public const string Payments = "payments";
    public const string Reads = "reads";
    public const string Webhooks = "webhooks";

    public static IServiceCollection AddCheckoutRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((options, limits) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "10";
                await TypedResults.Problem("Too many requests from this client. Please wait a few seconds and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Slow down").ExecuteAsync(context.HttpContext);
            };
            AddPolicy(options, Payments, limits.Value.PaymentsPerMinute);
            AddPolicy(options, Reads, limits.Value.ReadsPerMinute);
            AddPolicy(options, Webhooks, limits.Value.WebhooksPerMinute);
        });
        return services;
    }

    private static void AddPolicy(RateLimiterOptions options, string name, int permitsPerMinute) =>
        options.AddPolicy(name, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));

}
