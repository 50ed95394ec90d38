namespace Checkout.Integration.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

/// <summary>
/// Shoppers whose browsers ask for another supported culture get the journey in their language, prices formatted for
/// it, plan names in the merchant's translation, and Klarna's SDK asked for the matching locale; a plan whose currency
/// Klarna does not take in the shopper's market is refused on the page and by the server, never sent to Klarna.
/// </summary>
public sealed class LocalizationTests
{
    /// <summary>Number formats put a no-break space (or a narrow one) between amount and symbol; the tests read it as a space.</summary>
    private const string AmountSpace = " ";

    private static CheckoutAppFactory App => SharedApp.Default.App;

    [Theory]
    [InlineData("de-DE", "premium-monthly-eur", "Premium, monatlich (EUR)", "9,99" + AmountSpace + "€", "Bestellübersicht", "Wählen Sie Ihren Tarif", "Ihre erste Zahlung von 9,99" + AmountSpace + "€ wurde genehmigt.")]
    [InlineData("fr-FR", "premium-monthly-eur", "Premium, mensuel (EUR)", "9,99" + AmountSpace + "€", "Récapitulatif de la commande", "Choisissez votre forfait", "Votre premier paiement de 9,99" + AmountSpace + "€ a été accepté.")]
    [InlineData("sv-SE", "premium-monthly-sek", "Premium, månadsvis (SEK)", "119,00" + AmountSpace + "kr", "Ordersammanfattning", "Välj ditt abonnemang", "Din första betalning på 119,00" + AmountSpace + "kr har godkänts.")]
    [InlineData("en-GB", "premium-monthly-gbp", "Premium, monthly (GBP)", "£8.99", "Order summary", "Choose your plan", "Your first payment of £8.99 was approved.")]
    public async Task A_shopper_whose_browser_asks_for_a_supported_culture_pays_in_its_language_with_its_prices_and_Klarna_locale(
        string culture, string planId, string planName, string price, string summary, string planListHeading, string approved)
    {
        using var http = BrowserIn(culture);
        using var shopper = new Shopper(App, http);

        var plans = await TextOfAsync(http, "/");
        Assert.Contains($"<html lang=\"{culture}\">", plans, StringComparison.Ordinal);
        Assert.Contains(planListHeading, plans, StringComparison.Ordinal);
        Assert.Contains(price, plans, StringComparison.Ordinal);
        // The merchant's translation of the plan where the catalog gives one (en-GB has none: the plan as written).
        Assert.Contains($"<h2>{planName}</h2>", WebUtility.HtmlDecode(plans), StringComparison.Ordinal);

        await shopper.OpenCheckoutAsync(planId);
        var page = Spaced(WebUtility.HtmlDecode(shopper.PageHtml));
        Assert.Contains($"<html lang=\"{culture}\">", page, StringComparison.Ordinal);
        Assert.Contains(summary, page, StringComparison.Ordinal);
        Assert.Contains($"<h2 class=\"plan-name\">{planName}</h2>", page, StringComparison.Ordinal);
        Assert.Contains($"<dd id=\"due-today\">{price}</dd>", page, StringComparison.Ordinal);
        // What the page hands Klarna's SDK: its initialization, presentation and button all take this locale.
        Assert.Equal(culture, shopper.Data("locale"));

        var started = await shopper.InitiateAsync();
        var returning = await TextOfAsync(http, $"/checkout/return?checkoutId={shopper.CheckoutId}");
        Assert.Contains($"<html lang=\"{culture}\">", returning, StringComparison.Ordinal);

        await shopper.SimulateJourneyAsync(started.GetProperty("paymentRequestId").GetString()!, "approve");
        Assert.Equal("Completed", (await shopper.WaitForFinalStatusAsync()).GetProperty("status").GetString());
        Assert.Contains(approved, Spaced(WebUtility.HtmlDecode(await shopper.ConfirmationPageAsync())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_German_shopper_gets_German_sentences_on_the_return_page_and_in_the_footer()
    {
        using var http = BrowserIn("de-DE");
        using var shopper = new Shopper(App, http);
        await shopper.OpenCheckoutAsync("premium-monthly-eur");
        await shopper.InitiateAsync();

        var page = await TextOfAsync(http, $"/checkout/return?checkoutId={shopper.CheckoutId}");

        Assert.Contains("Ihre Bestellung wird abgeschlossen …", page, StringComparison.Ordinal);
        Assert.Contains("Wir bestätigen Ihre Zahlung bei Klarna.", page, StringComparison.Ordinal);
        Assert.Contains("Datenschutzhinweise von Klarna", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_asking_for_an_unsupported_language_gets_the_default_en_US_pages()
    {
        using var http = BrowserIn("nl-NL");

        var plans = await TextOfAsync(http, "/");

        Assert.Contains("<html lang=\"en-US\">", plans, StringComparison.Ordinal);
        Assert.Contains("Choose your plan", plans, StringComparison.Ordinal);
        Assert.Contains("9.99 USD every month", plans, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_German_shopper_is_told_a_dollar_plan_cannot_be_paid_with_Klarna_and_the_server_refuses_to_start_it()
    {
        using var http = BrowserIn("de-DE");
        var refused = await http.GetAsync("/checkout?plan=premium-monthly");
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Klarna akzeptiert USD in diesem Markt (Deutschland) nicht", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-sdk-url", page, StringComparison.Ordinal);

        // A page opened for a euro plan, then a start for the dollar plan: answered here, never sent to Klarna.
        using var shopper = new Shopper(App, http);
        await shopper.OpenCheckoutAsync("premium-monthly-eur");
        var answer = await shopper.PostPaymentRequestAsync(new
        {
            checkoutKey = shopper.CheckoutKey,
            planId = "premium-monthly",
            klarnaNetworkSessionToken = await shopper.SdkSessionTokenAsync(),
            paymentOptionId = "S0xBUk5BX0RFRkFVTFQ=",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("Klarna akzeptiert USD in diesem Markt (Deutschland) nicht", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static HttpClient BrowserIn(string culture)
    {
        var http = App.CreateBrowserLikeClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd($"{culture},{culture[..2]};q=0.9,en;q=0.5");
        return http;
    }

    private static async Task<string> TextOfAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Spaced(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static string Spaced(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
