namespace Checkout.Web.Subscriptions;

using System.Text.Json.Serialization;
using Checkout.Web.Checkouts;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

/// <summary>A short-lived link to the shopper's subscription page, for the store to send its customer to.</summary>
public sealed record PortalLinkView(
    [property: JsonPropertyName("subscription_id")] Guid SubscriptionId,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

/// <summary>
/// <c>POST /subscriptions/{id}/portal-links</c> with <c>Idempotency-Key</c>: the store's server asks for a link to its
/// customer's subscription page (see, cancel), valid for minutes; the same key again answers the same link.
/// </summary>
public static class PortalLinksApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;

    public static RouteGroupBuilder MapPortalLinks(this RouteGroupBuilder api)
    {
        api.MapPost("/subscriptions/{subscriptionId:guid}/portal-links", CreateAsync)
            .WithTags("Subscriptions")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(RateLimits.Payments)
            .WithName("CreatePortalLink");
        return api;
    }

    private static async Task<Results<Ok<PortalLinkView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid subscriptionId, HttpRequest request, PortalLinks portalLinks, IOptions<CheckoutSettings> settings, CancellationToken cancellationToken)
    {
        var key = request.Headers[IdempotencyKeyHeader];
        if (key.Count != 1 || string.IsNullOrWhiteSpace(key[0]) || key[0]!.Length > MaxIdempotencyKeyLength)
        {
            return Problems.Validation(new() { [IdempotencyKeyHeader] = [$"Send one {IdempotencyKeyHeader} header, 1 to {MaxIdempotencyKeyLength} characters, the same on every retry of this link."] });
        }
        return await portalLinks.IssueOnceAsync(key[0]!, subscriptionId, cancellationToken) switch
        {
            PortalLinkResult.Issued issued => TypedResults.Ok(new PortalLinkView(
                issued.SubscriptionId, new Uri(CheckoutUrls.SiteBase(request, settings.Value), issued.Link.Path.TrimStart('/')).AbsoluteUri, issued.Link.ExpiresAt)),
            PortalLinkResult.KeyReused => Problems.Conflict(
                "Idempotency-Key already used", $"This {IdempotencyKeyHeader} asked for a link to another subscription; use a new key for a new link."),
            _ => Problems.NotFound("subscriptionId", "No subscription has this id."),
        };
    }
}
