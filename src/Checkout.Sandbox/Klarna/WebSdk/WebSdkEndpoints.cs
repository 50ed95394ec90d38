using System.Text.Json.Nodes;
using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.WebSdk;

/// <summary>The stand-in for <c>https://js.klarna.com/web-sdk/v2/klarna.mjs</c> and the calls it makes.</summary>
internal static class WebSdkEndpoints
{
    public static void MapWebSdk(this IEndpointRouteBuilder klarna)
    {
        var sdk = klarna.MapGroup("/web-sdk/v2");
        sdk.MapGet("/klarna.mjs", (HttpContext context) => EmbeddedAssets.Serve(context, "klarna.mjs", "text/javascript; charset=utf-8"));
        sdk.MapPost("/session", StartSessionAsync).DisableAntiforgery();
        sdk.MapGet("/presentation", Present);
    }

    private static async Task<IResult> StartSessionAsync(
        HttpRequest request, IOptions<SandboxOptions> options, NetworkSessionTokens sessionTokens)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        var clientId = body?["clientId"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (!IsKnownClient(clientId, options))
        {
            return KlarnaError.Unauthorized();
        }

        return Results.Json(new { klarna_network_session_token = sessionTokens.Issue().Token });
    }

    private static IResult Present(
        HttpRequest request, IOptions<SandboxOptions> options, PresentationBuilder builder)
    {
        var query = request.Query;
        if (!IsKnownClient(query["clientId"].ToString(), options))
        {
            return KlarnaError.Unauthorized();
        }

        var currency = query["currency"].ToString().ToUpperInvariant();
        if (currency.Length != 3)
        {
            return KlarnaError.Validation([new("currency", "currency is required.")]);
        }

        long? amount = null;
        if (!string.IsNullOrEmpty(query["amount"]))
        {
            if (!long.TryParse(query["amount"], out var parsed) || parsed < 0)
            {
                return KlarnaError.Validation([new("amount", "amount must be a non-negative integer in minor units.")]);
            }

            amount = parsed;
        }

        var intents = query["intents"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var presentation = builder.Build(
            new PresentationQuery(amount, currency, intents.Length == 0 ? ["PAY"] : intents, NullIfEmpty(query["instruction"])),
            $"{request.PathBase}/sandbox/klarna");
        return Results.Json(presentation, SandboxJson.CamelCase);
    }

    private static bool IsKnownClient(string? clientId, IOptions<SandboxOptions> options) =>
        !string.IsNullOrEmpty(clientId) && clientId == options.Value.Klarna.ClientId;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
