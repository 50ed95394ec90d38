using System.Text.Json;
using System.Text.Json.Nodes;
using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Checkout.Sandbox.Klarna.PaymentRequests;

internal static class PaymentRequestEndpoints
{
    public static void MapPaymentRequests(this IEndpointRouteBuilder klarna)
    {
        var requests = klarna.MapGroup("/v2/payment/requests").AddEndpointFilter<KlarnaApiKeyFilter>();
        requests.MapPost("", (HttpRequest request, CreatePaymentRequestHandler handler) => handler.HandleAsync(request));
        requests.MapGet("/{id}", Read).WithMetadata(new AcquirerKeyAccepted());
        requests.MapDelete("/{id}", Cancel);
        requests.MapPost("/{id}/simulate", SimulateAsync);
    }

    /// <summary>The acquirer's key reads only the requests the acquirer created through Payment Authorize.</summary>
    private static IResult Read(string id, HttpContext context, PaymentRequestLifecycle lifecycle) =>
        Find(id, lifecycle) is { } record
        && (KlarnaCallers.Of(context) != KlarnaCaller.Acquirer || record.ViaPaymentAuthorize)
            ? Ok(lifecycle.Read(record))
            : NotFound();

    private static IResult Cancel(string id, PaymentRequestLifecycle lifecycle)
    {
        if (Find(id, lifecycle) is not { } record)
        {
            return NotFound();
        }

        return lifecycle.Cancel(record, byShopper: false)
            ? Ok(lifecycle.Read(record))
            : FinalState(lifecycle.Read(record));
    }

    /// <summary>Test helper: what the hosted journey would do, without a browser.</summary>
    private static async Task<IResult> SimulateAsync(string id, HttpRequest request, PaymentRequestLifecycle lifecycle)
    {
        if (Find(id, lifecycle) is not { } record)
        {
            return NotFound();
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        var action = body?["action"] is JsonValue actionValue && actionValue.TryGetValue<string>(out var text) ? text : null;
        var email = body?["email"] is JsonValue emailValue && emailValue.TryGetValue<string>(out var given) ? given : null;
        bool? changed = action?.ToUpperInvariant() switch
        {
            "APPROVE" => lifecycle.Approve(record, email ?? PaymentRequestLifecycle.DefaultApprovedEmail),
            "DECLINE" => lifecycle.Decline(record),
            "ABORT" => lifecycle.Cancel(record, byShopper: true),
            _ => null,
        };

        return changed switch
        {
            null => KlarnaError.Validation([new("action", "action must be approve, decline or abort.")]),
            false => FinalState(lifecycle.Read(record)),
            true => Ok(lifecycle.Read(record)),
        };
    }

    private static PaymentRequestRecord? Find(string id, PaymentRequestLifecycle lifecycle) =>
        PaymentRequestIds.TryParse(id, out var guid) ? lifecycle.Find(guid) : null;

    private static IResult Ok(PaymentRequestView view) => Results.Json(view, SandboxJson.SnakeCase);

    private static IResult NotFound() => KlarnaError.NotFound("The payment request");

    private static IResult FinalState(PaymentRequestView view) => KlarnaError.Conflict(
        "INVALID_STATE", $"The payment request is {view.State}; a final state does not change.");
}
