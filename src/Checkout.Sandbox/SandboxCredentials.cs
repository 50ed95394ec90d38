using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox;

/// <summary>
/// <c>GET /sandbox/credentials</c>: the keys the sandbox generated in memory, so a local script can call it.
/// Mapped only in Development, answered only to loopback callers.
/// </summary>
internal static class SandboxCredentials
{
    public static void MapSandboxCredentials(this IEndpointRouteBuilder app) =>
        app.MapGet("/sandbox/credentials", Read).ExcludeFromDescription();

    private static IResult Read(HttpContext context, IOptions<SandboxOptions> options)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-store";
        var sandbox = options.Value;
        return Results.Json(new
        {
            klarna_api_key = sandbox.Klarna.ApiKey,
            klarna_client_id = sandbox.Klarna.ClientId,
            acquirer_api_key = sandbox.Acquirer.ApiKey,
        });
    }
}
