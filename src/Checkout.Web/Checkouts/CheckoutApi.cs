namespace Checkout.Web.Checkouts;

using System.Diagnostics;
using Checkout.Domain.Plans;
using Checkout.Domain.Sessions;
using Checkout.Web.Completion;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Infrastructure;
using Checkout.Web.Localization;
using Checkout.Web.Orders;
using Checkout.Web.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

/// <summary>The checkout's browser-facing JSON endpoints.</summary>
public static class CheckoutApi
{
    public const long MaxJsonBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Checkout");

        api.MapPost("/payment-request", CreatePaymentRequestAsync)
            .AddEndpointFilter<AntiforgeryHeaderFilter>()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxJsonBytes))
            .RequireRateLimiting(RateLimits.Payments);

        api.MapGet("/checkouts/{checkoutId:guid}", GetStatusAsync).RequireRateLimiting(RateLimits.Reads);

        api.MapPost("/checkouts/{checkoutId:guid}/cancel", CancelAsync)
            .AddEndpointFilter<AntiforgeryHeaderFilter>()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxJsonBytes))
            .RequireRateLimiting(RateLimits.Payments);

        api.MapPost("/presentation-problem", PresentationProblems.Receive)
            .AddEndpointFilter<AntiforgeryHeaderFilter>()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxJsonBytes))
            .RequireRateLimiting(RateLimits.Payments);

        api.MapGet("/payment-methods", (ShopperText text) => TypedResults.Ok(OtherPaymentMethods.In(text))).RequireRateLimiting(RateLimits.Reads);
        return app;
    }

    private static async Task<Results<Ok<PaymentRequestResult>, ValidationProblem, ProblemHttpResult>> CreatePaymentRequestAsync(
        PaymentRequestInput? input,
        PaymentRequestService service,
        PlanCatalog catalog,
        CheckoutSessionStore sessions,
        TimeProvider clock,
        HttpRequest request,
        IOptions<CheckoutSettings> settings,
        PayerCookie payer,
        Serilog.IDiagnosticContext requestLog,
        ShopperText text,
        CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return Problems.Validation(new() { ["body"] = ["A JSON body with checkoutKey, planId and paymentOptionId is required."] });
        }
        var errors = input.Validate(catalog, out var checkoutKey, out var plan);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        CheckoutSession? session = null;
        if (Guid.TryParse(input.CheckoutSessionId, out var sessionId))
        {
            session = await sessions.FindAsync(sessionId, cancellationToken);
            if (session is null || session.PlanId != plan.Id)
            {
                return Problems.Validation(new() { ["checkoutSessionId"] = [text["checkoutSessionId must be the session of the page this site served. Reload the checkout page."]] });
            }
            if (session.StatusAt(clock.GetUtcNow()) != CheckoutSessionStatus.Open)
            {
                return Problems.Conflict(
                    "Checkout session ended", $"This checkout is {CheckoutSessionView.StatusName(session.StatusAt(clock.GetUtcNow()))}. Go back to the store to start again.");
            }
        }
        // Never sent to Klarna to fail: Klarna takes a market's own currency only (docs/localization.md).
        if (KlarnaLocale.Refusal(plan.DueNow.Currency.Code, KlarnaLocale.For(session?.Locale), text) is { } refusal)
        {
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Currency not taken in this market");
        }
        var siteBase = CheckoutUrls.SiteBase(request, settings.Value);
        var start = await service.StartAsync(checkoutKey, plan, input, siteBase, cancellationToken, session);
        requestLog.Set(Logging.OrderId, start.CheckoutId);
        if (start is PaymentStart.JourneyOpen or PaymentStart.CompletedAtOnce)
        {
            payer.Set(request.HttpContext, start.CheckoutId, checkoutKey);
        }
        return start switch
        {
            PaymentStart.JourneyOpen open => TypedResults.Ok(new PaymentRequestResult(
                open.CheckoutId, CheckoutUrls.Return(siteBase, open.CheckoutId).AbsoluteUri, open.PaymentRequestId, open.PaymentRequestUrl, Completed: false)),
            PaymentStart.CompletedAtOnce done => TypedResults.Ok(new PaymentRequestResult(
                done.CheckoutId, CheckoutUrls.Return(siteBase, done.CheckoutId).AbsoluteUri, null, null, Completed: true)),
            PaymentStart.KeyTakenByAnotherPlan => Problems.Conflict(
                "Checkout key already used", text["This checkout page was already used for another plan. Reload the checkout page to start again."]),
            PaymentStart.AlreadyFinished finished => Problems.Conflict(
                "Checkout already finished", $"This checkout is already {finished.Status}. Start a new checkout to try again."),
            PaymentStart.Refused refused => Problems.BadGateway(text[refused.Reason]),
            PaymentStart.Unavailable unavailable => Problems.Unavailable(text[unavailable.Reason]),
            _ => throw new UnreachableException($"Unhandled payment start {start.GetType().Name}."),
        };
    }

    private static async Task<IResult> GetStatusAsync(
        Guid checkoutId, OrderStore orders, OutcomeRefreshRequests refreshes, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(checkoutId, cancellationToken);
        if (order is null)
        {
            return Problems.NotFound("checkoutId", "No checkout with this id.");
        }
        refreshes.RequestIfLate(order);
        return TypedResults.Ok(CheckoutStatusView.Of(order));
    }

    private static async Task<IResult> CancelAsync(Guid checkoutId, OrderStore orders, JourneyCancellation cancellation, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(checkoutId, cancellationToken);
        if (order is null)
        {
            return Problems.NotFound("checkoutId", "No checkout with this id.");
        }
        try
        {
            await cancellation.CancelAsync(order, cancellationToken);
        }
        catch (Exception e) when (Transient.IsTransient(e, cancellationToken))
        {
            return Problems.Unavailable("Klarna is not reachable right now; your checkout will update by itself.");
        }
        order = await orders.FindAsync(checkoutId, cancellationToken) ?? order;
        return TypedResults.Ok(CheckoutStatusView.Of(order));
    }
}
