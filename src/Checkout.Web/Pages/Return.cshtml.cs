namespace Checkout.Web.Pages;

using Checkout.Domain.Orders;
using Checkout.Web.Checkouts;
using Checkout.Web.Completion;
using Checkout.Web.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>Where Klarna sends the shopper back: waits for the outcome, then shows the confirmation.</summary>
public sealed class ReturnModel(OrderStore orders, KlarnaStatusReader reader) : PageModel
{
    public Guid CheckoutId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? checkoutId, CancellationToken cancellationToken)
    {
        if (checkoutId is not { } id || await orders.FindAsync(id, cancellationToken) is not { } order)
        {
            return NotFound();
        }
        CheckoutId = id;
        await reader.RefreshAsync(order, cancellationToken);
        order = await orders.FindAsync(id, cancellationToken) ?? order;
        return order.Status.IsFinal() ? Redirect(CheckoutUrls.Confirmation(id)) : Page();
    }
}
