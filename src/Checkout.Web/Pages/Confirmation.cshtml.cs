namespace Checkout.Web.Pages;

using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Web.Checkouts;
using Checkout.Web.Orders;
using Checkout.Web.Sessions;
using Checkout.Web.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// The result the shopper sees: active subscription, started trial, declined payment, or a way back. The link to the
/// subscription's page only for the browser that paid; never kept by a browser or a proxy.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ConfirmationModel(
    OrderStore orders,
    PlanCatalog catalog,
    SubscriptionStore subscriptions,
    ShopperLinks links,
    PayerCookie payer,
    CheckoutSessionStore sessions,
    TimeProvider clock) : PageModel
{
    public Order Order { get; private set; } = null!;

    public Plan Plan { get; private set; } = null!;

    public DateOnly FirstBillingDate => Plan.FirstBillingDate(DateOnly.FromDateTime(Order.UpdatedAt.UtcDateTime));

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The completed sign-up started a subscription (its row may appear a moment after the order completes).</summary>
    public bool StartsSubscription => Order.Status == OrderStatus.Completed && Plan.Kind == PlanKind.Subscription;

    /// <summary>The shopper's signed link to their subscription, once it exists, for the browser that paid.</summary>
    public string? ManageLink { get; private set; }

    /// <summary>This browser started paying for the order (<see cref="PayerCookie"/>).</summary>
    public bool PaidHere { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? checkoutId, CancellationToken cancellationToken)
    {
        if (checkoutId is not { } id || await orders.FindAsync(id, cancellationToken) is not { } order || catalog.Find(order.PlanId) is not { } plan)
        {
            return NotFound();
        }
        if (!order.Status.IsFinal())
        {
            return Redirect($"/checkout/return?checkoutId={id}");
        }
        // A store's session: the shopper goes back to the store, to success_url once signed up, else to cancel_url.
        if (order.CheckoutSessionId is { } sessionId && await sessions.FindAsync(sessionId, cancellationToken) is { } session)
        {
            return Redirect(order.Status == OrderStatus.Completed ? SessionUrls.Success(session).AbsoluteUri : session.CancelUrl);
        }
        Order = order;
        Plan = plan;
        PaidHere = payer.IsPayer(Request, order);
        if (StartsSubscription && PaidHere && await subscriptions.FindAsync(id, cancellationToken) is not null)
        {
            ManageLink = (await links.IssueAsync(id, lifetime: null, cancellationToken)).Path;
        }
        return Page();
    }
}
