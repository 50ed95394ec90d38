using System.Text.Json;
using Checkout.Sandbox.Klarna.PaymentRequests;

namespace Checkout.Sandbox.Klarna.PaymentAuthorize;

/// <summary>Payment Authorize's answer (snake_case): one response object per thing requested, plus the step-up request.</summary>
internal sealed record AuthorizeResponse(
    CustomerTokenResponse? CustomerTokenResponse,
    PaymentTransactionResponse? PaymentTransactionResponse,
    StepUpPaymentRequest? PaymentRequest);

internal static class AuthorizeResult
{
    public const string Approved = "APPROVED";
    public const string Declined = "DECLINED";
    public const string StepUpRequired = "STEP_UP_REQUIRED";
}

internal sealed record CustomerTokenResponse(string Result, string? CustomerToken = null, string? CustomerTokenReference = null);

/// <summary><see cref="ResultReason"/>: the emulator's code for why a token charge was declined (not in Klarna's public pages).</summary>
internal sealed record PaymentTransactionResponse(string Result, PaymentTransaction? PaymentTransaction = null, string? ResultReason = null);

internal sealed record PaymentTransaction(
    string PaymentTransactionId,
    string? PaymentTransactionReference,
    long Amount,
    string Currency,
    PaymentFunding PaymentFunding);

internal sealed record PaymentFunding(string Type, string State)
{
    public static readonly PaymentFunding GuaranteedFunded = new("GUARANTEED", "FUNDED");
}

/// <summary>The payment request a STEP_UP_REQUIRED answer carries.</summary>
internal sealed record StepUpPaymentRequest(
    string PaymentRequestId,
    string? PaymentRequestReference,
    string State,
    StepUpStateContext StateContext,
    DateTime ExpiresAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    JsonElement? SupplementaryPurchaseData)
{
    public static StepUpPaymentRequest Of(PaymentRequestView view) => new(
        view.PaymentRequestId,
        view.PaymentRequestReference,
        view.State,
        new StepUpStateContext(view.StateContext.CustomerInteraction),
        view.ExpiresAt,
        view.CreatedAt,
        view.UpdatedAt,
        view.SupplementaryPurchaseData);
}

internal sealed record StepUpStateContext(CustomerInteractionView? CustomerInteraction);
