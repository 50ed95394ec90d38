namespace Checkout.Acquiring;

using System.Text.Json;

/// <summary>The three results Klarna's public material gives a token charge (Payment Authorize).</summary>
public enum KlarnaTokenChargeResult
{
    Approved,
    Declined,
    StepUpRequired,
}

/// <summary>
/// Reads a token charge by its public result: the acquirer's <c>status</c> in the partner API's words (<c>completed</c>,
/// <c>failed</c>, <c>open</c>) or in Klarna's (<c>APPROVED</c>, <c>DECLINED</c>, <c>STEP_UP_REQUIRED</c>), else Klarna's
/// <c>result</c> in the <c>klarna_network_response_data</c> the acquirer passed on. Reason codes are only a hint.
/// </summary>
public static class KlarnaTokenChargeResults
{
    /// <summary>The result, or null when neither the status nor Klarna's data names one.</summary>
    public static KlarnaTokenChargeResult? Read(string? status, string? networkResponseData) =>
        FromText(status) ?? FromText(ResultIn(networkResponseData));

    /// <summary>
    /// Whether a reason code says the token was revoked (the acquirer's <c>TOKEN_REVOKED</c>, or a Klarna-style
    /// <c>CUSTOMER_TOKEN_REVOKED</c>). A hint only: nothing public names such a code, so a revoked token may come back
    /// as a plain decline, and then it is dunned like one.
    /// </summary>
    public static bool NamesRevokedToken(string? reason) =>
        reason is not null
        && (reason.Equals(TokenChargeAnswer.TokenRevoked, StringComparison.OrdinalIgnoreCase)
            || reason.Equals("CUSTOMER_TOKEN_REVOKED", StringComparison.OrdinalIgnoreCase));

    private static KlarnaTokenChargeResult? FromText(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "COMPLETED" or "APPROVED" => KlarnaTokenChargeResult.Approved,
        "FAILED" or "DECLINED" => KlarnaTokenChargeResult.Declined,
        "OPEN" or "STEP_UP_REQUIRED" => KlarnaTokenChargeResult.StepUpRequired,
        _ => null,
    };

    /// <summary><c>content.response.result</c> of the partner API's envelope; anything unreadable gives null.</summary>
    private static string? ResultIn(string? networkResponseData)
    {
        if (string.IsNullOrWhiteSpace(networkResponseData))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(networkResponseData);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
                && content.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
                && response.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.String
                ? result.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
