using System.Text.Json;
using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.PaymentRequests;

internal sealed class KlarnaIdempotency : IdempotencyTable;

/// <summary><c>POST /v2/payment/requests</c>: session token, idempotency, validation, then a SUBMITTED request.</summary>
internal sealed class CreatePaymentRequestHandler(
    PaymentRequestLifecycle lifecycle,
    NetworkSessionTokens sessionTokens,
    KlarnaIdempotency idempotency,
    IOptions<SandboxOptions> options,
    TimeProvider time)
{
    public const string IdempotencyKeyHeader = KlarnaIdempotencyKey.Header;
    public const string SessionTokenHeader = "Klarna-Network-Session-Token";

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (KlarnaIdempotencyKey.Reject(key) is { } rejected)
        {
            return rejected;
        }

        var body = await RequestBody.ReadAllAsync(request);
        var sessionToken = request.Headers[SessionTokenHeader].ToString();
        if (sessionToken.Length > 0 && sessionTokens.FindValid(sessionToken) is null)
        {
            return KlarnaError.InvalidInput($"{SessionTokenHeader} is unknown or older than one hour.");
        }

        var origin = RequestOrigin.Of(request);
        if (key.Length == 0)
        {
            return ToResult(Create(body, origin));
        }

        var (outcome, response) = idempotency.Run(key, body, () => Create(body, origin));
        return outcome == IdempotencyOutcome.KeyReusedWithDifferentBody
            ? KlarnaError.Conflict("IDEMPOTENCY_KEY_REUSED", $"{IdempotencyKeyHeader} was already used with a different body.")
            : ToResult(response);
    }

    private StoredResponse Create(byte[] body, string origin)
    {
        var (valid, errors) = CreatePaymentRequestValidator.Validate(body);
        if (valid is null)
        {
            var error = KlarnaError.Create("INPUT_ERROR", "VALIDATION_ERROR", "The request is not valid.", errors);
            return Json(StatusCodes.Status400BadRequest, error);
        }

        var now = time.GetUtcNow();
        var id = Guid.NewGuid();
        var klarna = options.Value.Klarna;
        var record = new PaymentRequestRecord
        {
            Id = id,
            Amount = valid.Amount,
            Currency = valid.Currency,
            Reference = valid.Reference,
            PaymentOptionId = valid.PaymentOptionId,
            SupplementaryPurchaseData = valid.SupplementaryPurchaseData,
            RequestCustomerToken = valid.RequestCustomerToken,
            CustomerInteractionConfig = valid.CustomerInteractionConfig,
            PaymentRequestUrl = $"{origin}/sandbox/klarna/journey/{id:D}",
            WebhookUrl = new Uri(string.IsNullOrEmpty(klarna.WebhookUrl) ? $"{origin}/api/webhooks/klarna" : klarna.WebhookUrl),
            CreatedAt = now,
            CreatedUnder = System.Diagnostics.Activity.Current?.Context ?? default,
            UpdatedAt = now,
            ExpiresAt = now + klarna.PaymentRequestLifetime,
        };
        lifecycle.Register(record);
        return Json(StatusCodes.Status201Created, lifecycle.Read(record));
    }

    private static StoredResponse Json<T>(int status, T value) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(value, SandboxJson.SnakeCase), "application/json; charset=utf-8");

    private static StoredResponseResult ToResult(StoredResponse response) =>
        new StoredResponseResult(response);
}
