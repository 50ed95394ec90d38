using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox.Common;

/// <summary>Writes a stored response byte for byte, so a replay is identical to the original.</summary>
internal sealed class StoredResponseResult(StoredResponse response) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = response.StatusCode;
        httpContext.Response.ContentType = response.ContentType;
        httpContext.Response.ContentLength = response.Body.Length;
        return httpContext.Response.Body.WriteAsync(response.Body, httpContext.RequestAborted).AsTask();
    }
}
