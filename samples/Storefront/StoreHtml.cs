namespace Storefront;

using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Antiforgery;

/// <summary>The store's HTML: small enough to read in one go, every value encoded.</summary>
public static class StoreHtml
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1f; }
        header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 1px solid #ddd; margin-bottom: 2rem; }
        .plan { border: 1px solid #ddd; border-radius: .5rem; padding: 1.5rem; }
        #status { font-size: 1.25rem; font-weight: 600; }
        #status[data-status=active], #status[data-status=trialing] { color: #0a7a32; }
        #status[data-status=past_due], #status[data-status=suspended], #status[data-status=canceled] { color: #b00020; }
        button { background: #0b051d; color: #fff; border: 0; border-radius: .4rem; padding: .75rem 1.5rem; font-size: 1rem; cursor: pointer; }
        .notice { background: #f4f4f6; padding: .75rem 1rem; border-radius: .4rem; }
        small { color: #666; }
        """;

    public static string Page(StoreSettings store, Account account, SubscriptionFacts? facts, AntiforgeryTokenSet tokens, bool leftCheckout)
    {
        var waiting = account.Returned && facts is null;
        var canSubscribe = !waiting && facts is null or { Status: "canceled" };
        var body = $"""
            {(leftCheckout && !account.Returned ? "<p class=\"notice\" id=\"left-checkout\">You left the checkout; nothing was charged.</p>" : "")}
            <section class="plan">
              <h2>{E(store.PlanDescription)}</h2>
              {Status(facts, waiting)}
              {(canSubscribe ? SubscribeForm(tokens) : "")}
            </section>
            <p><small>Signed in as account {E(account.Id)}.</small></p>
            """;
        return Layout(store.Name, body, refresh: waiting);
    }

    public static string Unavailable(StoreSettings store) => Layout(
        store.Name, "<p class=\"notice\" id=\"unavailable\">The checkout could not open your subscription just now. Nothing was charged; please try again.</p><p><a href=\"/\">Back</a></p>", refresh: false);

    /// <summary>What the store last heard from the checkout's events; nothing before the first one.</summary>
    private static string Status(SubscriptionFacts? facts, bool waiting) => facts switch
    {
        null when waiting => "<p id=\"status\" data-status=\"pending\">Thank you! Waiting for the checkout to confirm your subscription…</p>",
        null => "",
        { Status: "active" or "trialing" } => Line(facts, $"Subscribed until {Date(facts.CurrentPeriodEnd)}"),
        { Status: "past_due" } => Line(facts, "Payment failed" + (facts.NextRetryAt is { } retry ? $". We will try again on {Date(retry)}." : ".")),
        { Status: "suspended" } => Line(facts, "Payment failed: your payment method no longer works."),
        { Status: "canceled" } => Line(facts, "Canceled"),
        _ => Line(facts, facts.Status),
    };

    private static string Line(SubscriptionFacts facts, string text) =>
        $"<p id=\"status\" data-status=\"{E(facts.Status)}\" data-subscription=\"{facts.Id}\">{E(text)}</p>";

    private static string SubscribeForm(AntiforgeryTokenSet tokens) => $"""
        <form method="post" action="/subscribe">
          <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
          <input type="hidden" name="attempt" value="{Guid.NewGuid():N}">
          <button type="submit">Subscribe</button>
        </form>
        """;

    private static string Layout(string storeName, string body, bool refresh) => $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          {(refresh ? "<meta http-equiv=\"refresh\" content=\"2\">" : "")}
          <title>{E(storeName)}</title>
          <style>{Style}</style>
        </head>
        <body>
          <header><h1>{E(storeName)}</h1><span>a sample store, paid through the checkout</span></header>
          <main>{body}</main>
        </body>
        </html>
        """;

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
