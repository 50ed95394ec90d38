namespace Checkout.Web.Infrastructure.Http;

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
        services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitSettings.Section)
            .Validate(s => s.PaymentsPerMinute > 0, "RateLimits:PaymentsPerMinute must be a positive number of requests.")
            .Validate(s => s.ReadsPerMinute > 0, "RateLimits:ReadsPerMinute must be a positive number of requests.")
            .Validate(s => s.WebhooksPerMinute > 0, "RateLimits:WebhooksPerMinute must be a positive number of requests.")
            .ValidateOnStart();
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
        // Every page is limited as a read, unless a page names its own policy (the operator's sign-in does).
        // PostConfigure, after AddRazorPages' setup has made the convention collection.
        services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AddFolderApplicationModelConvention("/", page =>
        {
            if (!page.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                page.EndpointMetadata.Add(new EnableRateLimitingAttribute(Reads));
            }
        }));
        return services;
    }

    /// <summary>The client's bucket of the <see cref="Reads"/> policy, for policies that fall back to it.</summary>
    public static RateLimitPartition<string> ReadsPartition(string client, int permitsPerMinute) => PerMinute(Reads, client, permitsPerMinute);

    // The client is the connection's address: the real client's once UseForwardedHeaders has read a configured proxy's header.
    private static void AddPolicy(RateLimiterOptions options, string name, int permitsPerMinute) =>
        options.AddPolicy(name, context => PerMinute(name, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", permitsPerMinute));

    private static RateLimitPartition<string> PerMinute(string policy, string client, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(policy + ":" + client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

}
