namespace Checkout.Web.OnDemand;

/// <summary>
/// Off (404, as if the route did not exist) unless <c>OnDemand:ApiKey</c> is set; then <c>Authorization: Bearer &lt;key&gt;</c>
/// or 401. The merchant's server calls this, never a browser.
/// </summary>
public sealed class OnDemandApiKeyFilter(OnDemandApiKey key) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!key.Enabled)
        {
            return TypedResults.NotFound();
        }
        var header = context.HttpContext.Request.Headers.Authorization;
        var presented = header.Count == 1 && header[0] is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;
        if (!key.Matches(presented))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem("Send Authorization: Bearer <OnDemand:ApiKey>.", statusCode: StatusCodes.Status401Unauthorized, title: "Not authorized");
        }
        return await next(context);
    }
}
