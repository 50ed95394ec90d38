namespace Checkout.Web.Telemetry;

using Checkout.Domain.Plans;
using Checkout.Web.Checkouts;
using Checkout.Web.Infrastructure.Http;
using Checkout.Web.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

/// <summary>
/// The funnel's "Klarna selected" step, which only the browser sees: the page reports the first time Klarna
/// becomes the selected method (chosen by the shopper or preselected by Klarna's instruction). Writes nothing.
/// </summary>
public static class KlarnaSelectedEvent
{
    public const long MaxJsonBytes = 1024;

    public sealed record Report(Guid? CheckoutKey, string? PlanId);

    public static IEndpointRouteBuilder MapCheckoutEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/checkout-events/klarna-selected", ReportAsync)
            .WithTags("Checkout")
            .AddEndpointFilter<AntiforgeryHeaderFilter>()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxJsonBytes))
            .RequireRateLimiting(RateLimits.Reads);
        return app;
    }

    /// <summary>
    /// Counts under the plan the server knows: the checkout's own when the page's key has opened an order, otherwise
    /// the page's plan, which must be one of the catalog's (the order opens only when the shopper starts to pay).
    /// </summary>
    public static async Task<Results<NoContent, ValidationProblem>> ReportAsync(
        Report? report, PlanCatalog catalog, OrderStore orders, CheckoutMetrics metrics, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (report?.CheckoutKey is null || report.CheckoutKey == Guid.Empty)
        {
            errors["checkoutKey"] = ["checkoutKey is required."];
        }
        if (catalog.Find(report?.PlanId) is null)
        {
            errors["planId"] = ["planId must be one of the catalog's plans."];
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var order = await orders.FindByCheckoutKeyAsync(report!.CheckoutKey!.Value, cancellationToken);
        if (order is not null && order.PlanId != report.PlanId)
        {
            return Invalid(new() { ["planId"] = ["planId is not this checkout's plan."] });
        }
        metrics.KlarnaSelected(report.PlanId!);
        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Some fields are not valid.");
}
