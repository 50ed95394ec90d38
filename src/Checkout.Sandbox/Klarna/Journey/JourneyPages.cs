using System.Text.Encodings.Web;
using Checkout.Sandbox.Klarna.PaymentRequests;

namespace Checkout.Sandbox.Klarna.Journey;

/// <summary>Server-rendered pages with no inline script or style, so a strict Content-Security-Policy holds.</summary>
internal static class JourneyPages
{
    private const string CodePattern = "[0-9]{6}";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Render(string basePath, JourneySnapshot journey, string? error = null) => journey.Step switch
    {
        JourneyStep.Email => Layout(basePath, Summary(journey) + $"""
            <form method="post" action="{Action(basePath, journey, "email")}">
              {IdField(journey)}
              <label for="klarna-email">Email address</label>
              <input id="klarna-email" name="email" type="email" autocomplete="email" required value="{Html.Encode(journey.Email ?? "")}">
              {Alert(error)}
              <button id="klarna-continue" type="submit">Continue</button>
            </form>
            """ + AbortForm(basePath, journey)),
        JourneyStep.Code => Layout(basePath, Summary(journey) + $"""
            <p>We sent a 6-digit code to <strong>{Html.Encode(journey.Email ?? "")}</strong>. Any code but 999999 works here.</p>
            <form method="post" action="{Action(basePath, journey, "otp")}">
              {IdField(journey)}
              <label for="klarna-otp">Verification code</label>
              <input id="klarna-otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="{CodePattern}" maxlength="6" required>
              {Alert(error)}
              <button id="klarna-confirm" type="submit">Confirm</button>
            </form>
            """ + AbortForm(basePath, journey)),
        JourneyStep.Approve => Layout(basePath, Summary(journey) + $"""
            <p>Signed in as <strong>{Html.Encode(journey.Email ?? "")}</strong>.</p>
            <form method="post" action="{Action(basePath, journey, "approve")}">
              {IdField(journey)}
              {Alert(error)}
              <button id="klarna-approve" type="submit">{ApproveLabel(journey)}</button>
            </form>
            """ + AbortForm(basePath, journey)),
        _ => Final(basePath, journey),
    };

    public static string NotFound(string basePath) =>
        Layout(basePath, """<h1>Payment request not found</h1><p>This link is not valid. You can close this window.</p>""");

    public static string Terms(string basePath) => Layout(basePath, """
        <h1>Klarna sandbox terms</h1>
        <p>This is a test environment. No money moves and no credit check is made.</p>
        """);

    private static string Final(string basePath, JourneySnapshot journey)
    {
        var (title, text) = journey.State switch
        {
            PaymentRequestState.Completed => ("Approved", "Your purchase with Klarna is approved."),
            PaymentRequestState.Declined => ("Declined", "Klarna could not approve this purchase."),
            PaymentRequestState.Expired => ("Expired", "This payment request has expired. Start again from the store."),
            _ => ("Canceled", "You canceled the purchase."),
        };
        var returnUrl = journey.ReturnUrl is null ? "" : Html.Encode(journey.ReturnUrl);
        var next = journey.ReturnUrl is null
            ? "<p>You can close this window.</p>"
            : $"""
              <p>Returning you to the store…</p>
              <noscript><a href="{returnUrl}">Return to the store</a></noscript>
              """;
        return Layout(basePath, $"""
            <section id="klarna-journey-result" data-payment-request-id="{Html.Encode(journey.PaymentRequestId)}"
                     data-state="{journey.State}" data-return-url="{returnUrl}">
              <h1>{title}</h1>
              <p role="status">{text}</p>
              {next}
            </section>
            """);
    }

    private static string Summary(JourneySnapshot journey)
    {
        var what = journey.Amount is { } amount
            ? $"{(journey.HasSubscriptions ? "Subscribe" : "Pay")} {MoneyText.Format(amount, journey.Currency)}"
            : "Save Klarna for later purchases";
        var reference = journey.Reference is null ? "" : $"""<p class="reference">{Html.Encode(journey.Reference)}</p>""";
        return $"""<h1 id="klarna-summary">{Html.Encode(what)}</h1>{reference}""";
    }

    private static string ApproveLabel(JourneySnapshot journey) =>
        journey.HasSubscriptions ? "Subscribe" : journey.Amount is null ? "Save" : "Pay";

    private static string AbortForm(string basePath, JourneySnapshot journey) => $"""
        <form method="post" action="{Action(basePath, journey, "abort")}" class="abort">
          {IdField(journey)}
          <button id="klarna-abort" type="submit" class="secondary">Cancel and return</button>
        </form>
        """;

    private static string Action(string basePath, JourneySnapshot journey, string step) =>
        $"{basePath}/journey/{journey.Id:D}/{step}";

    private static string IdField(JourneySnapshot journey) =>
        $"""<input type="hidden" name="payment_request_id" value="{Html.Encode(journey.PaymentRequestId)}">""";

    private static string Alert(string? error) =>
        error is null ? "" : $"""<p class="error" role="alert">{Html.Encode(error)}</p>""";

    private static string Layout(string basePath, string content) => $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Klarna (sandbox)</title>
          <link rel="stylesheet" href="{basePath}/journey.css">
          <script src="{basePath}/journey.js" defer></script>
        </head>
        <body>
          <main class="journey">
            <header class="brand"><span class="logo">Klarna.</span> <span class="tag">Sandbox</span></header>
            {content}
          </main>
        </body>
        </html>
        """;
}
