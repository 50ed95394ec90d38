namespace Checkout.Web.Subscriptions;

using Checkout.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

/// <summary>The shopper's page's one action: the form's cancel button, answered with the page again.</summary>
public static class ShopperSubscriptionApi
{
    public static IEndpointRouteBuilder MapShopperSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/subscription/{token}/cancel", CancelAsync)
            .AddEndpointFilter<AntiforgeryHeaderFilter>()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .RequireRateLimiting(RateLimits.Payments);
        return app;
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> CancelAsync(
        string token, ShopperLinks links, ShopperCancellation cancellation, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } id)
        {
            return TypedResults.NotFound();
        }
        var outcome = await cancellation.CancelAtPeriodEndAsync(id, cancellationToken);
        var page = links.PathFor(id);
        return outcome switch
        {
            CancellationOutcome.NotFound => TypedResults.NotFound(),
            CancellationOutcome.Busy => TypedResults.Redirect(page + "?busy=true"),
            _ => TypedResults.Redirect(page),
        };
    }
}
