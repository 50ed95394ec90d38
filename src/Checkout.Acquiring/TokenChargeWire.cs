namespace Checkout.Acquiring;

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

/// <summary>
/// Klarna's <c>supplementary_purchase_data</c> for a renewal, in Klarna's own field names: the purchase reference and
/// the one subscription being renewed, with the period charged as its billing plan.
/// </summary>
public sealed record TokenChargePurchaseData(
    [property: JsonPropertyName("purchase_reference")] string PurchaseReference,
    [property: JsonPropertyName("subscriptions")] IReadOnlyList<TokenChargeSubscriptionData> Subscriptions)
{
    public static TokenChargePurchaseData Of(TokenChargeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscription = request.Subscription;
        return new(request.Reference, [new TokenChargeSubscriptionData(
            subscription.SubscriptionReference,
            subscription.PlanName,
            "INACTIVE",
            [new TokenChargeBillingPlan(
                request.Amount.MinorUnits,
                request.Amount.Currency.Code,
                subscription.PeriodStart.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                subscription.Interval.ToUpperInvariant(),
                subscription.IntervalCount)])]);
    }
}

public sealed record TokenChargeSubscriptionData(
    [property: JsonPropertyName("subscription_reference")] string SubscriptionReference,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("free_trial")] string FreeTrial,
    [property: JsonPropertyName("billing_plans")] IReadOnlyList<TokenChargeBillingPlan> BillingPlans);

public sealed record TokenChargeBillingPlan(
    [property: JsonPropertyName("billing_amount")] long BillingAmount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("interval")] string Interval,
    [property: JsonPropertyName("interval_frequency")] int IntervalFrequency);

/// <summary>
/// Reads a token charge's answer in the partner-facing shape (<c>status</c>, <c>payment_id</c>,
/// <c>failure_reason</c>), shared by the generic acquirer and the partner API, by its public result
/// (<see cref="KlarnaTokenChargeResults"/>).
/// </summary>
public static class TokenChargeAnswer
{
    /// <summary>The <c>failure_reason</c> an acquirer gives when Klarna says the customer token was revoked.</summary>
    public const string TokenRevoked = "TOKEN_REVOKED";

    public static TokenChargeResult Map(
        string? status, string? paymentId, string? failureReason, string? failureMessage, string? networkResponseData = null) =>
        KlarnaTokenChargeResults.Read(status, networkResponseData) switch
        {
            KlarnaTokenChargeResult.Approved => new(TokenChargeStatus.Approved,
                paymentId ?? throw new AcquirerUnavailableException("The acquirer approved the token charge without a payment_id."), null),
            KlarnaTokenChargeResult.Declined => new(
                KlarnaTokenChargeResults.NamesRevokedToken(failureReason) ? TokenChargeStatus.TokenRevoked : TokenChargeStatus.Declined,
                paymentId,
                Describe(failureReason, failureMessage)),
            // No customer is there to finish a step-up: the charge is undecided, so it is asked again under the same key.
            KlarnaTokenChargeResult.StepUpRequired => throw new AcquirerUnavailableException(
                $"The acquirer left token charge {paymentId} open; it needs a customer who is not present."),
            _ => throw new AcquirerUnavailableException($"The acquirer answered an unknown status '{status}' for a token charge."),
        };

    /// <summary>
    /// Sends a token charge and reads the acquirer's answer: unreachable, a 5xx, an unreadable or empty body leave
    /// the outcome unknown (<see cref="AcquirerUnavailableException"/>, asked again under the same key); another 4xx
    /// is a refusal of the request itself (<see cref="AcquirerRejectedException"/> with the problem's detail).
    /// </summary>
    public static async Task<TResult> SendAsync<TAnswer, TResult>(
        Func<Task<IApiResponse<TAnswer>>> send, Func<TAnswer, TResult> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(map);
        IApiResponse<TAnswer> response;
        try
        {
            response = await send();
        }
        catch (Exception e) when (AcquirerTransport.IsUnreachable(e, cancellationToken))
        {
            throw AcquirerTransport.Unreachable(e);
        }

        using (response)
        {
            var status = (int)response.StatusCode.GetValueOrDefault();
            if (IsUnknownOutcome(status))
            {
                throw new AcquirerUnavailableException($"The acquirer answered the token charge with {status}.");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new AcquirerRejectedException(status, ProblemDetail((response.Error as ApiException)?.Content));
            }
            if (response.Error?.InnerException is JsonException malformed)
            {
                throw new AcquirerUnavailableException("The acquirer's answer is not JSON.", malformed);
            }
            var answer = response.Content ?? throw new AcquirerUnavailableException("The acquirer answered the token charge with no body.");
            return map(answer);
        }
    }

    /// <summary>The <c>detail</c> of a problem+json body, if it has one.</summary>
    public static string? ProblemDetail(string? problem)
    {
        if (string.IsNullOrEmpty(problem))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>408 and 429 were already retried by the pipeline; like a 5xx, their outcome is unknown.</summary>
    public static bool IsUnknownOutcome(int status) => status is 408 or 429 or >= 500 or < 200;

    /// <summary>The decline's reason as the acquirer gave it, for the attempt record and the operator.</summary>
    public static string Describe(string? reason, string? message) =>
        (reason, message) switch
        {
            (null, null) => "declined",
            ({ } code, null) => code,
            (null, { } text) => text,
            ({ } code, { } text) => $"{code}: {text}",
        };
}
