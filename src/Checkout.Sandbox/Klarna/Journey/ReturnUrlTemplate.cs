namespace Checkout.Sandbox.Klarna.Journey;

/// <summary>Fills Klarna's return URL placeholders; a URL without placeholders is returned unchanged.</summary>
internal static class ReturnUrlTemplate
{
    public static string? Resolve(string? template, string paymentRequestId, string state, string? reference) =>
        template?
            .Replace("{klarna.payment_request.id}", Uri.EscapeDataString(paymentRequestId), StringComparison.Ordinal)
            .Replace("{klarna.payment_request.state}", Uri.EscapeDataString(state), StringComparison.Ordinal)
            .Replace("{klarna.payment_request.payment_request_reference}", Uri.EscapeDataString(reference ?? ""), StringComparison.Ordinal);
}
