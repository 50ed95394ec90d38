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
        if (await links.ReadAsync(token, cancellationToken) is not ShopperLinkState.Valid(var id))
        {
            return TypedResults.NotFound();
        }
        var outcome = await cancellation.CancelAtPeriodEndAsync(id, cancellationToken);
        // Back to the page under the same link: the shopper's link, not a new one.
        var page = "/subscription/" + Uri.EscapeDataString(token);
        return outcome switch
        {
            CancellationOutcome.NotFound => TypedResults.NotFound(),
            CancellationOutcome.Busy => TypedResults.Redirect(page + "?busy=true"),
            _ => TypedResults.Redirect(page),
        };
    }
}
