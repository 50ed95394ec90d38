namespace Checkout.Web.Checkouts;

/// <summary>
/// The answer the Klarna button's <c>initiate</c> hands back to the Web SDK: the order the start opened, its
/// return page, and either Klarna's journey to open or, when <paramref name="Completed"/>, nothing left to do
/// but go to the return page.
/// </summary>
public sealed record PaymentRequestResult(Guid CheckoutId, string ReturnUrl, string? PaymentRequestId, string? PaymentRequestUrl, bool Completed);
