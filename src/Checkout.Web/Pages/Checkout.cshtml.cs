namespace Checkout.Web.Pages;

using System.Diagnostics;
using Checkout.Domain.Orders;
using Checkout.Domain.Plans;
using Checkout.Klarna;
using Checkout.Web.Checkouts;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Orders;
using Checkout.Web.Telemetry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

/// <summary>Prices the order from the catalog, opens it, and hands the page its settings as data.</summary>
public sealed class CheckoutModel(
    PlanCatalog catalog, OrderStore orders, IOptions<KlarnaOptions> klarna, IAntiforgery antiforgery, TimeProvider clock)
    : PageModel
{
    public Plan Plan { get; private set; } = null!;

    public Order Order { get; private set; } = null!;

    public string ClientId => klarna.Value.ClientId;

    public string SdkUrl => klarna.Value.SdkUrl!;

    public string Locale => klarna.Value.Locale;

    public string InitiationMode => klarna.Value.InitiationMode;

    public string AntiforgeryToken { get; private set; } = "";

    public string ReturnUrl { get; private set; } = "";

    /// <summary>Subscriptions present their billing amount; on-demand services what is due today.</summary>
    public long PresentationAmount => Plan.Kind == PlanKind.Subscription ? Plan.Price.MinorUnits : Order.AmountDueMinorUnits;

    public string Intent => Plan.Kind == PlanKind.Subscription ? "SUBSCRIBE" : "PAY";

    public string BillingInterval => Plan.Interval.ToString().ToUpperInvariant();

    public DateOnly FirstBillingDate => Plan.FirstBillingDate(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    public async Task<IActionResult> OnGetAsync(string? plan, CancellationToken cancellationToken)
    {
        if (catalog.Find(plan) is not { } chosen)
        {
            return plan is null ? Redirect("/") : NotFound();
        }
        Plan = chosen;
        Order = Order.Start(chosen, clock.GetUtcNow());
        await orders.AddAsync(Order, cancellationToken);
        Activity.Current.TagOrder(Order);
        AntiforgeryToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        ReturnUrl = CheckoutUrls.Return(CheckoutUrls.SiteBase(Request, HttpContext.RequestServices.GetRequiredService<IOptions<CheckoutSettings>>().Value), Order.Id).AbsoluteUri;
        return Page();
    }
}
