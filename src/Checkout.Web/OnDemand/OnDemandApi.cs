namespace Checkout.Web.OnDemand;

using System.Net;
using System.Text.Json;
using Checkout.Domain.OnDemand;
using Checkout.Web.Checkouts;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

/// <summary>
/// The merchant's server-to-server API for rides, in the merchant API (<c>/api/v1</c>): <c>POST /on-demand/charges</c>
/// (with <c>Idempotency-Key</c>) and <c>GET /on-demand/charges/{id}</c>; and the shopper's return from a step-up, which
/// only reads the charge.
/// </summary>
public static class OnDemandApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;

    public static RouteGroupBuilder MapOnDemandCharges(this RouteGroupBuilder api)
    {
        var charges = api.MapGroup("/on-demand/charges").WithTags("Rides");
        charges.MapPost("", ChargeAsync)
            .Accepts<RideChargeBody>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .RequireRateLimiting(RateLimits.Payments)
            .WithName("ChargeRide");
        charges.MapGet("/{chargeId:guid}", ReadAsync).RequireRateLimiting(RateLimits.Reads).WithName("GetRideCharge");
        return api;
    }

    /// <summary>Where Klarna brings the shopper back after a ride's step-up; a page, outside the merchant API.</summary>
    public static IEndpointRouteBuilder MapRideReturnPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/on-demand/charges/{chargeId:guid}/return", ReturnAsync).RequireRateLimiting(RateLimits.Reads).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Created<RideChargeView>, Ok<RideChargeView>, ValidationProblem, ProblemHttpResult>> ChargeAsync(
        HttpRequest request, OnDemandCharging charging, IOptions<CheckoutSettings> settings, CancellationToken cancellationToken)
    {
        var key = request.Headers[IdempotencyKeyHeader];
        if (key.Count != 1 || string.IsNullOrWhiteSpace(key[0]) || key[0]!.Length > MaxIdempotencyKeyLength)
        {
            return Problems.Validation(new() { [IdempotencyKeyHeader] = [$"Send one {IdempotencyKeyHeader} header, 1 to {MaxIdempotencyKeyLength} characters, the same on every retry of this ride."] });
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
        var (input, errors) = RideChargeInput.Parse(body);
        if (input is null)
        {
            return Problems.Validation(errors);
        }

        var siteBase = CheckoutUrls.SiteBase(request, settings.Value);
        return await charging.ChargeAsync(key[0]!, input, siteBase, cancellationToken) switch
        {
            RideChargeOutcome.Charged { Created: true } charged =>
                TypedResults.Created($"/api/v1/on-demand/charges/{charged.Charge.Id}", RideChargeView.Of(charged.Charge, siteBase)),
            RideChargeOutcome.Charged charged => TypedResults.Ok(RideChargeView.Of(charged.Charge, siteBase)),
            RideChargeOutcome.UnknownCustomer => Problems.NotFound("customerId", "No rides sign-up with a Klarna token has this customerId."),
            RideChargeOutcome.WrongScope wrong => Unprocessable("Token cannot be charged for rides", wrong.Detail),
            RideChargeOutcome.WrongCurrency wrong => Problems.Validation(new() { ["currency"] = [wrong.Detail] }),
            RideChargeOutcome.AmountOutOfBounds outOfBounds => Problems.Validation(new() { ["amount"] = [outOfBounds.Detail] }),
            RideChargeOutcome.KeyReused => Problems.Conflict(
                "Idempotency-Key already used", $"This {IdempotencyKeyHeader} was used for a different ride; use a new key for a new ride."),
            RideChargeOutcome.InProgress inProgress => TypedResults.Problem(
                $"This ride is being charged by another request with this {IdempotencyKeyHeader}; send it again to read the result.",
                statusCode: StatusCodes.Status409Conflict, title: "Ride in progress",
                extensions: new Dictionary<string, object?> { ["chargeId"] = inProgress.Charge.Id }),
            RideChargeOutcome.Unavailable unavailable => TypedResults.Problem(
                unavailable.Detail, statusCode: StatusCodes.Status502BadGateway, title: "Acquirer unavailable",
                extensions: new Dictionary<string, object?> { ["chargeId"] = unavailable.Charge.Id }),
            _ => throw new InvalidOperationException("Every outcome is answered above."),
        };
    }

    private static async Task<Results<Ok<RideChargeView>, ProblemHttpResult>> ReadAsync(
        Guid chargeId, HttpRequest request, OnDemandChargeStore charges, IOptions<CheckoutSettings> settings, CancellationToken cancellationToken) =>
        await charges.FindAsync(chargeId, cancellationToken) is { } charge
            ? TypedResults.Ok(RideChargeView.Of(charge, CheckoutUrls.SiteBase(request, settings.Value)))
            : Problems.NotFound("chargeId", "No ride charge has this id.");

    /// <summary>Where Klarna sends the shopper after a step-up: it shows the charge and, while the acquirer finalizes, reloads.</summary>
    private static async Task<ContentHttpResult> ReturnAsync(
        Guid chargeId, OnDemandChargeStore charges, ShopperText words, CancellationToken cancellationToken)
    {
        var charge = await charges.FindAsync(chargeId, cancellationToken);
        var (heading, text, waiting) = charge?.Status switch
        {
            null => (words["Ride not found"], words["We do not know this ride."], false),
            OnDemandChargeStatus.Approved =>
                (words["Ride paid"], words["{0} for ride {1} is paid with Klarna.", words.Money(charge.Amount), charge.RideReference], false),
            OnDemandChargeStatus.Declined or OnDemandChargeStatus.TokenRevoked =>
                (words["Payment not approved"], words["Klarna did not approve {0} for ride {1}.", words.Money(charge.Amount), charge.RideReference], false),
            OnDemandChargeStatus.Expired =>
                (words["Payment not completed"], words["The approval of {0} for ride {1} was not finished in time. Nothing was charged.", words.Money(charge.Amount), charge.RideReference], false),
            _ => (words["Confirming your payment"], words["Klarna is confirming {0} for ride {1}. This page updates by itself.", words.Money(charge.Amount), charge.RideReference], true),
        };
        var refresh = waiting ? "<meta http-equiv=\"refresh\" content=\"2\">" : "";
        var html = $"""
            <!DOCTYPE html>
            <html lang="{System.Globalization.CultureInfo.CurrentUICulture.Name}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">{refresh}<title>{WebUtility.HtmlEncode(heading)}</title>
            <link rel="stylesheet" href="/css/checkout.css"></head>
            <body><main class="on-demand-return" data-status="{(charge is null ? "unknown" : RideChargeView.StatusName(charge.Status))}">
            <h1>{WebUtility.HtmlEncode(heading)}</h1><p>{WebUtility.HtmlEncode(text)}</p></main></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: charge is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
    }

    private static ProblemHttpResult Unprocessable(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: title);
}
