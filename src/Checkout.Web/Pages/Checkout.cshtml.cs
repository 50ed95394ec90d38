namespace Checkout.Web.Pages;

using System.Diagnostics;
using Checkout.Domain.Plans;
using Checkout.Klarna;
using Checkout.Web.Checkouts;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.Localization;
using Checkout.Web.Orders;
using Checkout.Web.Sessions;
using Checkout.Domain.Sessions;
using Checkout.Web.Telemetry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

/// <summary>
/// Shows the plan, priced from the catalog, and hands the page its settings as data. Showing the page writes
/// nothing: the order is opened when the shopper starts to pay, under the checkout key this page carries.
/// </summary>
public sealed class CheckoutModel(
    PlanCatalog catalog,
    IOptions<KlarnaOptions> klarna,
    IAntiforgery antiforgery,
    CheckoutMetrics metrics,
    CheckoutSessionStore sessions,
    ShopperText text,
    TimeProvider clock)
    : PageModel
{
    public Plan Plan { get; private set; } = null!;

    /// <summary>Names the order this page opens when the shopper starts to pay; a second start finds the same order.</summary>
    public Guid CheckoutKey { get; private set; }

    public string ClientId => klarna.Value.ClientId;

    public string SdkUrl => klarna.Value.SdkUrl!;

    /// <summary>Klarna's locale: the session's when it names one, else the page's own culture (de-DE); its country is the Klarna market.</summary>
    public string Locale => KlarnaLocale.For(Session?.Locale);

    /// <summary>Set when Klarna does not take the plan's currency in the shopper's market: what the page says instead of the checkout.</summary>
    public string? MarketRefusal { get; private set; }

    /// <summary>The store's session this page pays for (<c>/checkout?session={id}</c>); none on a plan link.</summary>
    public CheckoutSession? Session { get; private set; }

    /// <summary>Set when the session can no longer be paid: what the page says instead of the checkout.</summary>
    public string? SessionEnded { get; private set; }

    public string? SessionStatus { get; private set; }

    public string InitiationMode => klarna.Value.InitiationMode;

    public string AntiforgeryToken { get; private set; } = "";

    /// <summary>Subscriptions present their billing amount; on-demand services what is due today.</summary>
    public long PresentationAmount => Plan.Kind == PlanKind.Subscription ? Plan.Price.MinorUnits : Plan.DueNow.MinorUnits;

    public string Intent => Plan.Kind == PlanKind.Subscription ? "SUBSCRIBE" : "PAY";

    public string BillingInterval => Plan.Interval.ToString().ToUpperInvariant();

    public DateOnly FirstBillingDate => Plan.FirstBillingDate(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    public async Task<IActionResult> OnGetAsync(string? plan, string? session, CancellationToken cancellationToken)
    {
        if (session is not null)
        {
            return Guid.TryParse(session, out var sessionId) ? await OpenSessionAsync(sessionId, cancellationToken) : NotFound();
        }
        if (catalog.Find(plan) is not { } chosen)
        {
            return plan is null ? Redirect("/") : NotFound();
        }
        return Start(chosen);
    }

    private async Task<IActionResult> OpenSessionAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await sessions.FindAsync(id, cancellationToken) is not { } session || catalog.Find(session.PlanId) is not { } sessionPlan)
        {
            return NotFound();
        }
        Session = session;
        Plan = sessionPlan;
        var status = session.StatusAt(clock.GetUtcNow());
        SessionStatus = CheckoutSessionView.StatusName(status);
        SessionEnded = SessionPage.EndedText(status);
        if (SessionEnded is not null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        return Start(sessionPlan);
    }

    private PageResult Start(Plan chosen)
    {
        Plan = chosen;
        MarketRefusal = KlarnaLocale.Refusal(chosen.DueNow.Currency.Code, Locale, text);
        if (MarketRefusal is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        CheckoutKey = Guid.NewGuid();
        Activity.Current.TagCheckoutPage(CheckoutKey, chosen.Id);
        metrics.Opened(chosen.Id);
        AntiforgeryToken = antiforgery.GetAndStoreTokens(HttpContext).RequestToken ?? "";
        return Page();
    }
}
