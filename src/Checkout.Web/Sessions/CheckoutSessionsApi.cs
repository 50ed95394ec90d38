namespace Checkout.Web.Sessions;

using System.Text.Json;
using Checkout.Domain.Plans;
using Checkout.Domain.Sessions;
using Checkout.Web.Checkouts;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

/// <summary>
/// The store's server opens a checkout for its customer (<c>POST /checkout-sessions</c>, with <c>Idempotency-Key</c>),
/// reads it (<c>GET /checkout-sessions/{id}</c>) and can end it early (<c>POST /checkout-sessions/{id}/expire</c>).
/// </summary>
public static class CheckoutSessionsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;
    public const long MaxJsonBytes = 32 * 1024;

    public static RouteGroupBuilder MapCheckoutSessions(this RouteGroupBuilder api)
    {
        var sessions = api.MapGroup("/checkout-sessions").WithTags("Checkout sessions");
        sessions.MapPost("", CreateAsync)
            .Accepts<CreateCheckoutSessionBody>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithMetadata(new RequestSizeLimitAttribute(MaxJsonBytes))
            .RequireRateLimiting(RateLimits.Payments)
            .WithName("CreateCheckoutSession");
        sessions.MapGet("/{sessionId:guid}", ReadAsync).RequireRateLimiting(RateLimits.Reads).WithName("GetCheckoutSession");
        sessions.MapPost("/{sessionId:guid}/expire", ExpireAsync).ProducesProblem(StatusCodes.Status409Conflict).RequireRateLimiting(RateLimits.Payments).WithName("ExpireCheckoutSession");
        return api;
    }

    private static async Task<Results<Created<CheckoutSessionView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request,
        PlanCatalog catalog,
        ReturnUrlPolicy returnUrls,
        CheckoutSessionOpening opening,
        SessionProducts.Reader products,
        IOptions<CheckoutSettings> settings,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var key = request.Headers[IdempotencyKeyHeader];
        if (key.Count != 1 || string.IsNullOrWhiteSpace(key[0]) || key[0]!.Length > MaxIdempotencyKeyLength)
        {
            return Problems.Validation(new() { [IdempotencyKeyHeader] = [$"Send one {IdempotencyKeyHeader} header, 1 to {MaxIdempotencyKeyLength} characters, the same on every retry of this session."] });
        }
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Problems.Validation(new() { ["body"] = ["The body is not JSON."] });
        }
        var (input, errors) = CheckoutSessionInput.Parse(body, catalog, returnUrls);
        if (input is null)
        {
            return Problems.Validation(errors);
        }

        var opened = await opening.OpenAsync(key[0]!, input, cancellationToken);
        if (opened.KeyReused)
        {
            return Problems.Conflict(
                "Idempotency-Key already used", $"This {IdempotencyKeyHeader} opened a session with a different body; use a new key for a new session.");
        }
        var view = CheckoutSessionView.Of(
            opened.Session, await products.ReadAsync(opened.Session, cancellationToken), CheckoutUrls.SiteBase(request, settings.Value), clock.GetUtcNow());
        return TypedResults.Created($"/api/v1/checkout-sessions/{view.Id}", view);
    }

    private static async Task<Results<Ok<CheckoutSessionView>, ProblemHttpResult>> ReadAsync(
        Guid sessionId, HttpRequest request, CheckoutSessionStore sessions, SessionProducts.Reader products,
        IOptions<CheckoutSettings> settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await sessions.FindAsync(sessionId, cancellationToken) is not { } session)
        {
            return Problems.NotFound("sessionId", "No checkout session has this id.");
        }
        return TypedResults.Ok(CheckoutSessionView.Of(
            session, await products.ReadAsync(session, cancellationToken), CheckoutUrls.SiteBase(request, settings.Value), clock.GetUtcNow()));
    }

    /// <summary>Ends an open session now: its page then says so and starts no payment. Expiring an expired session changes nothing.</summary>
    private static async Task<Results<Ok<CheckoutSessionView>, ProblemHttpResult>> ExpireAsync(
        Guid sessionId, HttpRequest request, CheckoutSessionStore sessions, SessionProducts.Reader products,
        IOptions<CheckoutSettings> settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await sessions.FindAsync(sessionId, cancellationToken) is not { } session)
        {
            return Problems.NotFound("sessionId", "No checkout session has this id.");
        }
        if (session.Status == CheckoutSessionStatus.Open)
        {
            await sessions.TryMoveAsync(session.Id, CheckoutSessionStatus.Open, CheckoutSessionStatus.Expired, null, cancellationToken);
            session = await sessions.FindAsync(sessionId, cancellationToken) ?? session;
        }
        if (session.Status is not CheckoutSessionStatus.Expired)
        {
            return Problems.Conflict(
                "Checkout session already ended", $"This session is {CheckoutSessionView.StatusName(session.Status)}; only an open session can be expired.");
        }
        return TypedResults.Ok(CheckoutSessionView.Of(
            session, await products.ReadAsync(session, cancellationToken), CheckoutUrls.SiteBase(request, settings.Value), clock.GetUtcNow()));
    }
}
