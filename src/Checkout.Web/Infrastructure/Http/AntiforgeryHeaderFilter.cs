namespace Checkout.Web.Infrastructure.Http;

using Microsoft.AspNetCore.Antiforgery;

/// <summary>Requires the page's antiforgery token (cookie plus header) on JSON posts from the browser.</summary>
public sealed class AntiforgeryHeaderFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return TypedResults.Problem(
                "The page's security token is missing or expired. Reload the checkout page.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Antiforgery check failed");
        }
        return await next(context);
    }
}
