using System.Text.Json.Serialization;

namespace Checkout.Web.Checkouts;

/// <summary>
/// What the Klarna button's <c>initiate</c> posts to <c>POST /api/payment-request</c>. Nothing else is
/// accepted: amounts, currencies and return URLs come from the server, never from the browser.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PaymentRequestInput(string? CheckoutId, string? KlarnaNetworkSessionToken, string? PaymentOptionId)
{
    public Dictionary<string, string[]> Validate(out Guid checkoutId)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Guid.TryParse(CheckoutId, out checkoutId))
        {
            errors["checkoutId"] = ["checkoutId must be the id of a checkout this site served."];
        }
        if (string.IsNullOrWhiteSpace(PaymentOptionId) || PaymentOptionId.Length > 500)
        {
            errors["paymentOptionId"] = ["paymentOptionId is required: the id Klarna's presentation gave."];
        }
        if (KlarnaNetworkSessionToken is { Length: > 8192 })
        {
            errors["klarnaNetworkSessionToken"] = ["klarnaNetworkSessionToken is too long."];
        }
        return errors;
    }
}
