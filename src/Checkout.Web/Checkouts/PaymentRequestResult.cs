namespace Checkout.Web.Checkouts;

/// <summary>The answer the Klarna button's <c>initiate</c> hands back to the Web SDK.</summary>
public sealed record PaymentRequestResult(string? PaymentRequestId, string? PaymentRequestUrl, string? ReturnUrl);
