namespace Checkout.Web.Checkouts;

using System.Text.Json.Serialization;
using Checkout.Domain.Plans;

/// <summary>
/// What the Klarna button's <c>initiate</c> posts to <c>POST /api/payment-request</c>: the page's checkout key and
/// plan, and what Klarna's SDK gave. Nothing else is accepted: amounts, currencies and return URLs come from the
/// server, never from the browser.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PaymentRequestInput(
    string? CheckoutKey, string? PlanId, string? KlarnaNetworkSessionToken, string? PaymentOptionId, string? CheckoutSessionId = null)
{
    public Dictionary<string, string[]> Validate(PlanCatalog catalog, out Guid checkoutKey, out Plan plan)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Guid.TryParse(CheckoutKey, out checkoutKey) || checkoutKey == Guid.Empty)
        {
            errors["checkoutKey"] = ["checkoutKey must be the key of a checkout page this site served. Reload the checkout page."];
        }
        if (catalog.Find(PlanId) is { } found)
        {
            plan = found;
        }
        else
        {
            plan = null!;
            errors["planId"] = ["planId must be one of this site's plans. Reload the checkout page."];
        }
        if (string.IsNullOrWhiteSpace(PaymentOptionId) || PaymentOptionId.Length > 500)
        {
            errors["paymentOptionId"] = ["paymentOptionId is required: the id Klarna's presentation gave."];
        }
        if (CheckoutSessionId is not null && !Guid.TryParse(CheckoutSessionId, out _))
        {
            errors["checkoutSessionId"] = ["checkoutSessionId must be the session of the page this site served. Reload the checkout page."];
        }
        if (KlarnaNetworkSessionToken is { Length: > 8192 })
        {
            errors["klarnaNetworkSessionToken"] = ["klarnaNetworkSessionToken is too long."];
        }
        return errors;
    }
}
