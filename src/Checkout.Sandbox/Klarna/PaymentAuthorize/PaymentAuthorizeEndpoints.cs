using System.Text;
using System.Text.Json;
using Checkout.Sandbox.Common;
using Checkout.Sandbox.Klarna.PaymentRequests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Checkout.Sandbox.Klarna.PaymentAuthorize;

internal sealed class PaymentAuthorizeIdempotency : IdempotencyTable;

/// <summary><c>POST /v2/accounts/{partner_account_id}/payment/authorize</c>, with the acquirer's Klarna API key only.</summary>
internal static class PaymentAuthorizeEndpoints
{
    public static void MapPaymentAuthorize(this IEndpointRouteBuilder klarna) =>
        klarna.MapPost("/v2/accounts/{partner_account_id}/payment/authorize", HandleAsync)
            .AddEndpointFilter<AcquirerKlarnaApiKeyFilter>()
            .DisableAntiforgery();

    private static async Task<IResult> HandleAsync(
        HttpRequest request, PaymentAuthorizer authorizer, PaymentAuthorizeIdempotency idempotency)
    {
        var key = request.Headers[KlarnaIdempotencyKey.Header].ToString();
        if (KlarnaIdempotencyKey.Reject(key) is { } rejected)
        {
            return rejected;
        }

        var body = await RequestBody.ReadAllAsync(request);
        var sessionToken = request.Headers[CreatePaymentRequestHandler.SessionTokenHeader].ToString();
        var origin = RequestOrigin.Of(request);
        if (key.Length == 0)
        {
            return new StoredResponseResult(Authorize(body, sessionToken, origin, authorizer));
        }

        // The session token is part of what is asked: the same body with another token is another request.
        var fingerprint = body.Concat(Encoding.UTF8.GetBytes("\n" + sessionToken)).ToArray();
        var (outcome, response) = idempotency.Run(key, fingerprint, () => Authorize(body, sessionToken, origin, authorizer));
        return outcome == IdempotencyOutcome.KeyReusedWithDifferentBody
            ? KlarnaError.Conflict("IDEMPOTENCY_KEY_REUSED", $"{KlarnaIdempotencyKey.Header} was already used with a different body.")
            : new StoredResponseResult(response);
    }

    private static StoredResponse Authorize(byte[] body, string sessionToken, string origin, PaymentAuthorizer authorizer)
    {
        var (request, errors) = AuthorizeRequest.Parse(body);
        var (status, answer) = request is null
            ? (StatusCodes.Status400BadRequest, KlarnaError.Create("INPUT_ERROR", "VALIDATION_ERROR", "The request is not valid.", errors))
            : authorizer.Authorize(request, sessionToken, origin);
        return new StoredResponse(
            status, JsonSerializer.SerializeToUtf8Bytes(answer, answer.GetType(), SandboxJson.SnakeCase), "application/json; charset=utf-8");
    }
}
