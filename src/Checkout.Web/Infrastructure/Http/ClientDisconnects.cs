namespace Checkout.Web.Infrastructure.Http;

using Checkout.Web.Subscriptions;
using Microsoft.AspNetCore.Diagnostics;

/// <summary>
/// A request whose client went away is logged as such, at information: a cancelled request ends with 499 for the request
/// log, no stack trace and no 500. The writes that record an upstream's answer are not cancelled by the client (an
/// upstream's effect and its record finish together), so such a request usually finishes its work and says so here.
/// </summary>
public static partial class ClientDisconnects
{
    public static IApplicationBuilder UseClientDisconnects(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientDisconnects));
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
            {
                if (!context.Response.HasStarted)
                {
                    context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
                    // Nobody is listening: no status page to write.
                    if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                    {
                        statusPages.Enabled = false;
                    }
                }
            }
            if (context.RequestAborted.IsCancellationRequested)
            {
                var path = ShopperLinks.Redact(context.Request.Path);
                LogClientWentAway(log, context.Request.Method, path, context.Response.StatusCode);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The client went away before the answer to {RequestMethod} {RequestPath} ({StatusCode})")]
    private static partial void LogClientWentAway(ILogger logger, string requestMethod, string requestPath, int statusCode);
}
