using System.Net;
using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox;

/// <summary>
/// <c>GET /sandbox/credentials</c>: the emulator's keys (given or generated), mapped in Development and answered only to
/// callers on the same machine, so a developer can point an app at it. The base URLs are absolute, from the request's own origin.
/// </summary>
internal static class SandboxCredentials
{
    public const string KlarnaMountPath = "/sandbox/klarna/";
    public const string AcquirerMountPath = "/sandbox/acquirer/";

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
        var origin = RequestOrigin.Of(context.Request);
        return Results.Json(new
        {
            klarna_api_key = sandbox.Klarna.ApiKey,
            klarna_client_id = sandbox.Klarna.ClientId,
            klarna_base_url = origin + KlarnaMountPath,
            klarna_sdk_url = origin + KlarnaMountPath + "web-sdk/v2/klarna.mjs",
            klarna_webhook_signing_key_id = sandbox.Klarna.SigningKeyId,
            klarna_webhook_signing_key = sandbox.Klarna.SigningKey,
            acquirer_api_key = sandbox.Acquirer.ApiKey,
            acquirer_webhook_secret = sandbox.Acquirer.WebhookSecret,
            acquirer_base_url = origin + AcquirerMountPath,
        });
    }
}
