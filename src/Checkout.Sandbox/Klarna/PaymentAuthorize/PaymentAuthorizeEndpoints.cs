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
    /// <summary>Where the "Customer Token" page puts the stored token when authorizing with it.</summary>
    public const string CustomerTokenHeader = "Klarna-Customer-Token";

    public static void MapPaymentAuthorize(this IEndpointRouteBuilder klarna) =>
        klarna.MapPost("/v2/accounts/{partner_account_id}/payment/authorize", HandleAsync)
            .AddEndpointFilter<AcquirerKlarnaApiKeyFilter>()
            .DisableAntiforgery();

    private static async Task<IResult> HandleAsync(
        HttpRequest request, PaymentAuthorizer authorizer, CustomerTokenCharges charges, PaymentAuthorizeIdempotency idempotency)
    {
        var key = request.Headers[KlarnaIdempotencyKey.Header].ToString();
        if (KlarnaIdempotencyKey.Reject(key) is { } rejected)
        {
            return rejected;
        }

        var body = await RequestBody.ReadAllAsync(request);
        var sessionToken = request.Headers[CreatePaymentRequestHandler.SessionTokenHeader].ToString();
        var customerToken = request.Headers[CustomerTokenHeader].ToString();
        var origin = RequestOrigin.Of(request);
        if (key.Length == 0)
        {
            return new StoredResponseResult(Authorize(body, sessionToken, customerToken, origin, authorizer, charges));
        }

        // The tokens are part of what is asked: the same body with another token is another request.
        var fingerprint = body.Concat(Encoding.UTF8.GetBytes("\n" + sessionToken + "\n" + customerToken)).ToArray();
        var (outcome, response) = idempotency.Run(key, fingerprint, () => Authorize(body, sessionToken, customerToken, origin, authorizer, charges));
        return outcome == IdempotencyOutcome.KeyReusedWithDifferentBody
            ? KlarnaError.Conflict("IDEMPOTENCY_KEY_REUSED", $"{KlarnaIdempotencyKey.Header} was already used with a different body.")
            : new StoredResponseResult(response);
    }

    private static StoredResponse Authorize(byte[] body, string sessionToken, string customerToken, string origin, PaymentAuthorizer authorizer, CustomerTokenCharges charges)
    {
        var (request, errors) = AuthorizeRequest.Parse(body);
        var storedToken = customerToken.Length > 0 ? customerToken : request?.CustomerToken;
        var (status, answer) = request is null
            ? (StatusCodes.Status400BadRequest, KlarnaError.Create("INPUT_ERROR", "VALIDATION_ERROR", "The request is not valid.", errors))
            : storedToken is { Length: > 0 } ? charges.Charge(request, storedToken, origin)
            : authorizer.Authorize(request, sessionToken, origin);
        return new StoredResponse(
            status, JsonSerializer.SerializeToUtf8Bytes(answer, answer.GetType(), SandboxJson.SnakeCase), "application/json; charset=utf-8");
    }
}
