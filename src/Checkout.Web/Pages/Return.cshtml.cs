namespace Checkout.Web.Pages;

using Checkout.Domain.Orders;
using Checkout.Web.Checkouts;
using Checkout.Web.Completion;
using Checkout.Web.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// Where Klarna sends the shopper back: waits for the outcome (asking the worker to read it when the webhook is
/// late), then shows the confirmation.
/// </summary>
public sealed class ReturnModel(OrderStore orders, OutcomeRefreshRequests refreshes) : PageModel
{
    public Guid CheckoutId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? checkoutId, CancellationToken cancellationToken)
    {
        if (checkoutId is not { } id || await orders.FindAsync(id, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        CheckoutId = id;
        refreshes.RequestIfLate(order);
        return order.Status.IsFinal() ? Redirect(CheckoutUrls.Confirmation(id)) : Page();
    }
}
