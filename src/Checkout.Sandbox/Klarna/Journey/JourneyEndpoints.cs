using Checkout.Sandbox.Common;
using Checkout.Sandbox.Klarna.PaymentRequests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Checkout.Sandbox.Klarna.Journey;

/// <summary>The hosted purchase journey at the request's <c>payment_request_url</c>.</summary>
internal static class JourneyEndpoints
{
    public static void MapJourney(this IEndpointRouteBuilder klarna)
    {
        klarna.MapGet("/journey.js", (HttpContext context) => EmbeddedAssets.Serve(context, "journey.js", "text/javascript; charset=utf-8"));
        klarna.MapGet("/journey.css", (HttpContext context) => EmbeddedAssets.Serve(context, "journey.css", "text/css; charset=utf-8"));
        klarna.MapGet("/terms", (HttpRequest request) => Page(JourneyPages.Terms(BasePath(request))));

        var journey = klarna.MapGroup("/journey/{id:guid}");
        journey.MapGet("", (Guid id, HttpRequest request, JourneySteps steps) =>
            steps.Open(id) is { } snapshot
                ? Page(JourneyPages.Render(BasePath(request), snapshot))
                : Page(JourneyPages.NotFound(BasePath(request)), StatusCodes.Status404NotFound));

        // Antiforgery tokens would need the host's cookies; the hidden payment request id is this sandbox's check.
        var forms = journey.MapGroup("").DisableAntiforgery();
        forms.MapPost("/email", (Guid id, HttpRequest request, JourneySteps steps) =>
            HandleFormAsync(id, request, steps, (record, form) => steps.EnterEmail(record, form["email"].ToString())));
        forms.MapPost("/otp", (Guid id, HttpRequest request, JourneySteps steps) =>
            HandleFormAsync(id, request, steps, (record, form) => steps.VerifyCode(record, form["otp"].ToString().Trim())));
        forms.MapPost("/approve", (Guid id, HttpRequest request, JourneySteps steps) =>
            HandleFormAsync(id, request, steps, (record, _) => steps.Approve(record)));
        forms.MapPost("/abort", (Guid id, HttpRequest request, JourneySteps steps) =>
            HandleFormAsync(id, request, steps, (record, _) => (steps.Abort(record), null)));
    }

    private static async Task<IResult> HandleFormAsync(
        Guid id,
        HttpRequest request,
        JourneySteps steps,
        Func<PaymentRequestRecord, IFormCollection, (JourneySnapshot Snapshot, string? Error)> step)
    {
        var basePath = BasePath(request);
        if (steps.Find(id) is not { } record)
        {
            return Page(JourneyPages.NotFound(basePath), StatusCodes.Status404NotFound);
        }

        var form = request.HasFormContentType
            ? await request.ReadFormAsync(request.HttpContext.RequestAborted)
            : FormCollection.Empty;
        if (form["payment_request_id"].ToString() != record.PaymentRequestId)
        {
            return Results.BadRequest("The form does not belong to this payment request.");
        }

        var (snapshot, error) = step(record, form);
        return error is null
            ? Results.Redirect($"{basePath}/journey/{id:D}", permanent: false, preserveMethod: false)
            : Page(JourneyPages.Render(basePath, snapshot, error), StatusCodes.Status400BadRequest);
    }

    private static string BasePath(HttpRequest request) => $"{request.PathBase}/sandbox/klarna";

    private static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
