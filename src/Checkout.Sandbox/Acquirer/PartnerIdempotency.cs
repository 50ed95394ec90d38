using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Http;

namespace Checkout.Sandbox.Acquirer;

/// <summary>The acquirer's <c>Idempotency-Key</c> rules, shared by its payment endpoints.</summary>
internal static class PartnerIdempotency
{
    public const string Header = "Idempotency-Key";

    public static IResult MissingKey() => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Idempotency-Key is required",
        detail: "Send an Idempotency-Key header that stays the same across retries of this payment.");

    /// <summary>The stored answer, or 409 when the key came back with another body.</summary>
    public static IResult Answer(IdempotencyOutcome outcome, StoredResponse response) =>
        outcome == IdempotencyOutcome.KeyReusedWithDifferentBody
            ? Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used with a different body.")
            : new StoredResponseResult(response);
}
