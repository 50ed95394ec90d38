using System.Text.Json;
using Checkout.Sandbox.Acquirer.TokenCharges;
using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Checkout.Sandbox.Acquirer.GenericPayments;

internal sealed class AcquirerIdempotency : IdempotencyTable;

/// <summary>
/// <c>POST /sandbox/acquirer/payment</c>: authorize with the Klarna interoperability token, or charge a stored customer
/// token (<c>payment_methods.klarna.customer_token</c>), once per idempotency key.
/// </summary>
internal static class GenericPaymentEndpoint
{
    public static void MapGenericPayment(this IEndpointRouteBuilder acquirer) =>
        acquirer.MapPost("/payment", HandleAsync);

    private static async Task<IResult> HandleAsync(
        HttpRequest request, AcquirerIdempotency idempotency, KlarnaAuthorizer authorizer, TokenCharging charging)
    {
        var key = request.Headers[PartnerIdempotency.Header].ToString();
        if (key.Length == 0)
        {
            return PartnerIdempotency.MissingKey();
        }

        var body = await RequestBody.ReadAllAsync(request);
        var root = TokenChargeInput.Root(body);
        if (TokenChargeInput.GenericToken(root) is { } token)
        {
            var (input, invalid) = TokenChargeInput.Parse(
                root!, token, "payment_methods.klarna.customer_token", TokenChargeInput.GenericKlarna(root)!["customer_present"]);
            if (input is null)
            {
                return Results.ValidationProblem(invalid, title: "The token charge is not valid.");
            }

            var (charged, answer) = await idempotency.RunAsync(key, body, () => charging.ChargeAsync(
                input, input.StoredToken, "generic", key, StatusCodes.Status200OK, RequestOrigin.Of(request), request.HttpContext.RequestAborted));
            return PartnerIdempotency.Answer(charged, answer);
        }

        var (payment, errors) = GenericPaymentRequest.Parse(body);
        if (payment is null)
        {
            return Results.ValidationProblem(errors, title: "The payment request is not valid.");
        }

        var (outcome, response) = idempotency.Run(key, body, () => Authorize(payment, authorizer));
        return PartnerIdempotency.Answer(outcome, response);
    }

    private static StoredResponse Authorize(GenericPaymentRequest payment, KlarnaAuthorizer authorizer)
    {
        var decision = authorizer.Authorize(
            new AuthorizationAttempt(payment.Amount, payment.Currency, payment.Reference, payment.InteroperabilityToken));
        var response = new PartnerPaymentResponse(
            $"pay_{RandomText.Hex(24)}",
            payment.Amount,
            payment.Currency,
            decision.Approved ? PartnerPaymentResponse.Completed : PartnerPaymentResponse.Failed,
            Url: null,
            new PartnerAdditionalData(
                KlarnaNetworkResponseData.ForAuthorization(decision.Approved ? "APPROVED" : "DECLINED", decision.Transaction)));
        return new StoredResponse(
            StatusCodes.Status200OK,
            JsonSerializer.SerializeToUtf8Bytes(response, SandboxJson.SnakeCase),
            "application/json; charset=utf-8");
    }
}
