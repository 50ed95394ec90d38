namespace Checkout.Web.Pages;

using Checkout.Domain.Plans;
using Checkout.Domain.Subscriptions;
using Checkout.Web.Localization;
using Checkout.Web.Subscriptions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// The shopper's own page, reached by the signed link on the confirmation page: plan, status, what is charged next,
/// the charges so far, and a cancellation at period end. Nothing secret is on it; never kept by a browser or a proxy. An
/// expired or revoked link gets 410 and a page that says how to get a new one.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ShopperSubscriptionModel(
    ShopperLinks links, SubscriptionStore subscriptions, PlanCatalog catalog, IAntiforgery antiforgery) : PageModel
{
    public Subscription Subscription { get; private set; } = null!;

    /// <summary>The link expired or was revoked.</summary>
    public bool LinkStale { get; private set; }

    public string PlanName { get; private set; } = "";

    public string CancelPath { get; private set; } = "";

    public string AntiforgeryToken { get; private set; } = "";

    /// <summary>The shopper's cancellation waited for a charge being made and gave up.</summary>
    public bool Busy { get; private set; }

    /// <summary>The charges so far, oldest first: the sign-up's first charge (when there was one) and each renewal attempt.</summary>
    public IReadOnlyList<ShopperCharge> Charges { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token, bool busy, CancellationToken cancellationToken)
    {
        var link = await links.ReadAsync(token, cancellationToken);
        if (link is ShopperLinkState.Stale)
        {
            LinkStale = true;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        if (link is not ShopperLinkState.Valid(var id) || await subscriptions.FindAsync(id, cancellationToken) is not { } subscription)
        {
            return NotFound();
        }
        Subscription = subscription;
        PlanName = (catalog.Find(subscription.PlanId) is { } plan ? ShopperText.Plan(plan).Name : subscription.PlanId);
        CancelPath = "/subscription/" + Uri.EscapeDataString(token) + "/cancel";
        AntiforgeryToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        Busy = busy;
        Charges = ShopperCharge.Of(subscription);
        return Page();
    }
}
