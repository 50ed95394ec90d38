namespace Checkout.Web.Checkouts;

using Checkout.Web.Completion;
using Checkout.Web.Infrastructure;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Orders;
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

        api.MapPost("/checkouts/{checkoutId:guid}/presentation-problem", PresentationProblems.ReportAsync)
            .AddEndpointFilter<AntiforgeryHeaderFilter>()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxJsonBytes))
            .RequireRateLimiting(RateLimits.Payments);

        api.MapGet("/payment-methods", () => TypedResults.Ok(OtherPaymentMethods.All)).RequireRateLimiting(RateLimits.Reads);
        return app;
    }

    private static async Task<IResult> CreatePaymentRequestAsync(
        PaymentRequestInput? input,
        PaymentRequestService service,
        HttpRequest request,
        IOptions<CheckoutSettings> settings,
        Serilog.IDiagnosticContext requestLog,
        CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return Problems.Validation(new() { ["body"] = ["A JSON body with checkoutId and paymentOptionId is required."] });
        }
        var errors = input.Validate(out var checkoutId);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        requestLog.Set(Logging.OrderId, checkoutId);
        return await service.CreateAsync(checkoutId, input, CheckoutUrls.SiteBase(request, settings.Value), cancellationToken);
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
