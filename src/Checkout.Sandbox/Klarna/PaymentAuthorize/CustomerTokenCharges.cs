using System.Text.Json;
using Checkout.Sandbox.Klarna.CustomerTokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Checkout.Sandbox.Klarna.PaymentAuthorize;

/// <summary>
/// Payment Authorize with a stored customer token. With the customer not present ("Token charge Customer Not
/// Present"): APPROVED or DECLINED at once, never a step-up. With a <c>payment:customer_present</c> token and no
/// subscriptions ("Token charge Customer Present"): APPROVED, DECLINED, or STEP_UP_REQUIRED with a payment request
/// the shopper approves in the purchase journey. The declines and step-ups follow the rules documented for tests.
/// </summary>
internal sealed partial class CustomerTokenCharges(
    CustomerTokenRegistry tokens,
    PaymentAuthorizer authorizer,
    TokenChargeLedger ledger,
    IOptions<SandboxOptions> options,
    ILogger<CustomerTokenCharges> logger)
{
    public const string CustomerNotPresent = "payment:customer_not_present";
    public const string CustomerPresent = "payment:customer_present";
    public const long DecliningMinorUnits = 13;

    /// <summary>Test rule: a customer-present charge whose minor units end in 42 needs the shopper's approval.</summary>
    public const long SteppingUpMinorUnits = 42;

    /// <summary>The emulator's <c>result_reason</c> codes for a declined token charge.</summary>
    public static class Reasons
    {
        public const string UnknownToken = "CUSTOMER_TOKEN_UNKNOWN";
        public const string Revoked = "CUSTOMER_TOKEN_REVOKED";
        public const string ScopeMismatch = "CUSTOMER_TOKEN_SCOPE_MISMATCH";
        public const string AmountEndsIn13 = "TEST_AMOUNT_ENDS_IN_13";
        public const string CustomerDeclinesRenewals = "TEST_CUSTOMER_DECLINES_RENEWALS";
        public const string CustomerDeclinesFirstRenewal = "TEST_CUSTOMER_DECLINES_FIRST_RENEWAL";
    }

    public (int Status, object Body) Charge(AuthorizeRequest request, string customerToken, string origin)
    {
        if (request.Transaction is not { } transaction)
        {
            return Invalid("request_payment_transaction", "request_payment_transaction is required to charge a customer token.");
        }

        if (!HasSubscriptions(request.SupplementaryPurchaseData)
            && tokens.Find(customerToken) is { } present && present.Scopes.Contains(CustomerPresent))
        {
            return ChargePresent(request, transaction, present, origin);
        }

        if (!HasSubscriptions(request.SupplementaryPurchaseData))
        {
            return Invalid(
                "supplementary_purchase_data.subscriptions",
                $"subscriptions are required to charge a token with the customer not present ({CustomerNotPresent}).");
        }

        var issued = tokens.Find(customerToken);
        var refusal = issued is null ? Reasons.UnknownToken
            : issued.RevokedAt is not null ? Reasons.Revoked
            : !issued.Scopes.Contains(CustomerNotPresent) ? Reasons.ScopeMismatch
            : transaction.Amount % 100 == DecliningMinorUnits ? Reasons.AmountEndsIn13
            : issued.Email.Contains(CustomerTokenRegistry.DeclinesRenewalsMarker, StringComparison.OrdinalIgnoreCase) ? Reasons.CustomerDeclinesRenewals
            : issued.DeclineFirstCharge() ? Reasons.CustomerDeclinesFirstRenewal
            : null;
        return Decide(request, transaction, refusal);
    }

    private (int Status, object Body) ChargePresent(
        AuthorizeRequest request, RequestedTransaction transaction, IssuedCustomerToken issued, string origin)
    {
        if (request.CustomerInteractionConfig is null)
        {
            return Invalid(
                "step_up_config.customer_interaction_config",
                $"step_up_config with customer_interaction_config is required to charge a token with the customer present ({CustomerPresent}).");
        }

        var refusal = issued.RevokedAt is not null ? Reasons.Revoked
            : transaction.Amount % 100 == DecliningMinorUnits ? Reasons.AmountEndsIn13
            : null;
        if (refusal is null && transaction.Amount % 100 == SteppingUpMinorUnits)
        {
            LogDecision(transaction.Amount, request.Currency, AuthorizeResult.StepUpRequired);
            return authorizer.StepUp(request, origin);
        }

        return Decide(request, transaction, refusal);
    }

    private (int Status, object Body) Decide(AuthorizeRequest request, RequestedTransaction transaction, string? refusal)
    {
        LogDecision(transaction.Amount, request.Currency, refusal ?? AuthorizeResult.Approved);
        if (refusal is not null)
        {
            ledger.Declined();
            var reason = options.Value.Klarna.TokenChargeDeclineReasons == DeclineReasons.Omitted ? null : refusal;
            return (StatusCodes.Status200OK, new AuthorizeResponse(
                null, new PaymentTransactionResponse(AuthorizeResult.Declined, ResultReason: reason), null));
        }

        var approved = new PaymentTransaction(
            $"krn:payment:eu1:transaction:{Guid.NewGuid():D}", transaction.Reference, transaction.Amount, request.Currency,
            PaymentFunding.GuaranteedFunded);
        // Without a reference a charge is its own transaction: never counted as another's repeat.
        ledger.Approved(approved.PaymentTransactionReference ?? approved.PaymentTransactionId);
        return (StatusCodes.Status200OK, new AuthorizeResponse(null, new PaymentTransactionResponse(AuthorizeResult.Approved, approved), null));
    }

    private static bool HasSubscriptions(JsonElement? purchaseData) =>
        purchaseData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("subscriptions", out var subscriptions)
        && subscriptions.ValueKind == JsonValueKind.Array && subscriptions.GetArrayLength() > 0;

    private static (int, object) Invalid(string parameter, string reason) =>
        (StatusCodes.Status400BadRequest, KlarnaError.Create("INPUT_ERROR", "VALIDATION_ERROR", "The request is not valid.", [new(parameter, reason)]));

    [LoggerMessage(LogLevel.Information, "Klarna sandbox: token charge {Amount} {Currency}: {Outcome}")]
    private partial void LogDecision(long amount, string currency, string outcome);
}
