namespace Checkout.Web.Events;

using System.Text.Json;
using System.Text.Json.Serialization;
using Checkout.Web.Checkouts;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Persistence;
using Checkout.Web.MerchantAuthentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

/// <summary>A page of events, oldest first; <c>has_more</c>: ask again with <c>after</c> the last one's id.</summary>
public sealed record EventPage(IReadOnlyList<JsonElement> Data, [property: JsonPropertyName("has_more")] bool HasMore);

/// <summary>
/// <c>GET /api/v1/events?after=evt_…&amp;type=…&amp;limit=…</c>: the events of the last 30 days, as they were sent, so a
/// store can catch up with what it missed. For the merchant's server (<c>Merchant:ApiKeys</c>; 404 while none is set).
/// </summary>
public static class EventsApi
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapMerchantEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", ListAsync)
            .RequireAuthorization(MerchantApiAuthorization.Policy)
            .RequireRateLimiting(RateLimits.Reads);
        return app;
    }

    private static async Task<Results<Ok<EventPage>, ValidationProblem>> ListAsync(
        string? after, string? type, int? limit, CheckoutDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (type is not null && !MerchantEventTypes.IsKnown(type))
        {
            return Problems.Validation(new() { ["type"] = [$"Use one of {string.Join(", ", MerchantEventTypes.All)}."] });
        }
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.Validation(new() { ["limit"] = [$"Ask for 1 to {MaxLimit} events."] });
        }
        var since = clock.GetUtcNow() - KeptFor;
        var events = db.OutboxEvents.AsNoTracking().Where(e => e.CreatedAt >= since);
        if (after is not null)
        {
            var cursor = await events.Where(e => e.Id == after).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken);
            if (cursor is null)
            {
                return Problems.Validation(new() { ["after"] = ["No event with this id in the last 30 days; list from the start without after."] });
            }
            events = events.Where(e => e.Sequence > cursor);
        }
        if (type is not null)
        {
            events = events.Where(e => e.Type == type);
        }
        var take = limit ?? DefaultLimit;
        var payloads = await events.OrderBy(e => e.Sequence).Select(e => e.Payload).Take(take + 1).ToListAsync(cancellationToken);
        var page = payloads.Take(take).Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();
        return TypedResults.Ok(new EventPage(page, payloads.Count > take));
    }
}
