using Checkout.Sandbox.Acquirer.GenericPayments;
using Checkout.Sandbox.Acquirer.TokenCharges;
using Checkout.Sandbox.Common;
using Checkout.Sandbox.Klarna.CustomerTokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Checkout.Sandbox.Acquirer.Payments;

internal sealed class PartnerPaymentIdempotency : IdempotencyTable;

/// <summary>
/// The partner-facing API: <c>POST /v1/payments</c> and <c>GET /v1/payments/{payment_id}</c>; a body with
/// <c>customer_token_id</c> charges that stored token instead (our extension for renewals).
/// </summary>
internal static class PaymentsEndpoints
{
    public static void MapPartnerPayments(this IEndpointRouteBuilder acquirer)
    {
        var payments = acquirer.MapGroup("/v1/payments");
        payments.MapPost("", CreateAsync);
        payments.MapGet("/{payment_id}", Read);
        payments.MapPost("/{payment_id}/finalize", FinalizeAsync);
        acquirer.MapPost("/v1/customer-tokens/{customer_token_id}/revoke", Revoke);
    }

    /// <summary>Test hook: the customer revokes, in the Klarna app, the Klarna token behind this acquirer token id.</summary>
    private static IResult Revoke(
        [FromRoute(Name = "customer_token_id")] string customerTokenId, CustomerTokenVault vault, CustomerTokenRegistry klarnaTokens, TimeProvider time) =>
        vault.Find(customerTokenId) is { } klarnaToken && klarnaTokens.Revoke(klarnaToken, time.GetUtcNow())
            ? Results.Json(new { customer_token_id = customerTokenId, status = "revoked" })
            : Results.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Customer token not found", detail: "No customer token has this customer_token_id.");

    private static async Task<IResult> CreateAsync(
        HttpRequest request, PartnerPaymentIdempotency idempotency, PaymentCreation creation, CustomerTokenVault vault, TokenCharging charging)
    {
        var key = request.Headers[PartnerIdempotency.Header].ToString();
        if (key.Length == 0)
        {
            return PartnerIdempotency.MissingKey();
        }

        var body = await RequestBody.ReadAllAsync(request);
        var root = TokenChargeInput.Root(body);
        if (TokenChargeInput.PartnerTokenId(root) is { } tokenId)
        {
            var (input, invalid) = TokenChargeInput.Parse(root!, tokenId, "customer_token_id", root!["customer_present"]);
            if (input is null)
            {
                return Results.ValidationProblem(invalid, title: "The token charge is not valid.");
            }

            if (vault.Find(input.StoredToken) is not { } klarnaToken)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Customer token not found",
                    detail: "No customer token has this customer_token_id.");
            }

            var (charged, answer) = await idempotency.RunAsync(key, body, () => charging.ChargeAsync(
                input, klarnaToken, "partner", key, StatusCodes.Status201Created, RequestOrigin.Of(request), request.HttpContext.RequestAborted));
            return PartnerIdempotency.Answer(charged, answer);
        }

        var (payment, errors) = NewPayment.Parse(body);
        if (payment is null)
        {
            return Results.ValidationProblem(errors, title: "The payment request is not valid.");
        }

        var origin = RequestOrigin.Of(request);
        var (outcome, response) = await idempotency.RunAsync(
            key, body, () => creation.CreateAsync(payment, origin, request.HttpContext.RequestAborted));
        return PartnerIdempotency.Answer(outcome, response);
    }

    private static IResult Read([FromRoute(Name = "payment_id")] string paymentId, PartnerPaymentStore store)
    {
        if (store.Find(paymentId) is not { } payment)
        {
            return NotFound();
        }

        lock (payment)
        {
            return Results.Json(PartnerPaymentView.Of(payment), SandboxJson.SnakeCase);
        }
    }

    /// <summary>Test hook for <c>Sandbox:Acquirer:HoldFinalization</c>: finalize a held payment now.</summary>
    private static async Task<IResult> FinalizeAsync(
        [FromRoute(Name = "payment_id")] string paymentId, PartnerPaymentStore store, PaymentCompletion completion)
    {
        if (store.Find(paymentId) is not { } payment)
        {
            return NotFound();
        }

        return await completion.FinalizeAsync(payment, CancellationToken.None) switch
        {
            FinalizeOutcome.Finalized => Read(paymentId, store),
            FinalizeOutcome.TryAgainLater => Results.Problem(
                statusCode: StatusCodes.Status502BadGateway, title: "Klarna is not available.", detail: "Try again."),
            _ => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Nothing to finalize",
                detail: "The payment is not waiting for finalization (Klarna has not completed it, or it is final)."),
        };
    }

    private static IResult NotFound() => Results.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Payment not found", detail: "No payment has this payment_id.");
}
