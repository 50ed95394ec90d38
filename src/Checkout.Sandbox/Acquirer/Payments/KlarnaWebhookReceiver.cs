using System.Text.Json;
using System.Text.Json.Nodes;
using Checkout.Sandbox.Common;
using Checkout.Sandbox.Klarna.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Acquirer.Payments;

/// <summary>
/// The acquirer's receiver for Klarna's webhooks about the payment requests it created. Verifies the
/// signature on the raw body, then moves the payment on; a 5xx makes Klarna deliver again.
/// </summary>
internal static class KlarnaWebhookReceiver
{
    public const string Path = "/sandbox/acquirer/klarna-webhooks";

    public static void MapAcquirerKlarnaWebhooks(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, HandleAsync).DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(
        HttpRequest request, PaymentCompletion completion, IOptions<SandboxOptions> options)
    {
        var body = await RequestBody.ReadAllAsync(request);
        if (!IsSigned(request, body, options.Value.Klarna))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The webhook signature is not valid.");
        }

        JsonObject? envelope = null;
        try
        {
            envelope = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
        }

        if (envelope is null || KlarnaStateChange.From(envelope) is not { } change)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The webhook body is not a Klarna state change.");
        }

        // Finish a finalization even if Klarna stops waiting; the HttpClient's timeout bounds it.
        return await completion.HandleAsync(change, CancellationToken.None)
            ? Results.Ok()
            : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static bool IsSigned(HttpRequest request, byte[] body, SandboxKlarnaOptions klarna)
    {
        var keyIds = request.Headers[WebhookSignature.KeyIdHeader];
        var signatures = request.Headers[WebhookSignature.SignatureHeader];
        return keyIds.Count == 1 && signatures.Count == 1
            && SecretComparer.AreEqual(keyIds[0], klarna.SigningKeyId)
            && SecretComparer.AreEqual(signatures[0]?.ToLowerInvariant(), WebhookSignature.Compute(klarna.SigningKey, body));
    }
}
