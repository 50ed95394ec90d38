namespace Checkout.Integration.Tests;

using System.Collections.Concurrent;
using System.Text.Json;
using Checkout.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A merchant's plans in currencies with other exponents than two (yen have no decimals, Kuwaiti dinars three): the
/// page shows them with the currency's own decimals, and Klarna is asked for the same minor units.
/// </summary>
public sealed class CatalogCurrencyTests(CatalogCurrencyTests.MerchantCatalogApp app) : IClassFixture<CatalogCurrencyTests.MerchantCatalogApp>
{
    [Theory]
    [InlineData("yen-monthly", "1,400 JPY", 1400, "JPY")]
    [InlineData("dinar-yearly", "12.500 KWD", 12500, "KWD")]
    public async Task A_configured_plan_in_its_own_currency_is_priced_by_its_exponent_on_the_page_and_to_Klarna(
        string planId, string shown, long minorUnits, string currency)
    {
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync(planId);

        Assert.Contains($"<dd id=\"due-today\">{shown}</dd>", shopper.PageHtml, StringComparison.Ordinal);
        Assert.Equal(minorUnits.ToString(System.Globalization.CultureInfo.InvariantCulture), shopper.Data("amount"));
        Assert.Equal(currency, shopper.Data("currency"));

        var started = await shopper.InitiateAsync();
        var paymentRequestId = started.GetProperty("paymentRequestId").GetString()!;
        var reference = Guid.Parse(shopper.CheckoutId).ToString("N");
        var sent = Assert.Single(app.KlarnaCreates, body => body.Contains(reference, StringComparison.Ordinal));
        using var body = JsonDocument.Parse(sent);
        Assert.Equal(minorUnits, body.RootElement.GetProperty("amount").GetInt64());
        Assert.Equal(currency, body.RootElement.GetProperty("currency").GetString());

        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
        Assert.Equal("Completed", (await shopper.WaitForFinalStatusAsync()).GetProperty("status").GetString());
        Assert.Contains($"Your first payment of {shown} was approved", await shopper.ConfirmationPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_list_shows_every_configured_plan_in_its_own_currency()
    {
        using var http = app.CreateBrowserLikeClient();
        var page = await http.GetStringAsync("/");

        Assert.Contains("1,400 JPY every month", page, StringComparison.Ordinal);
        Assert.Contains("12.500 KWD every year", page, StringComparison.Ordinal);
        Assert.Contains("9.99 USD every month", page, StringComparison.Ordinal);
    }

    /// <summary>The test app with two more plans in its settings, and every payment request body it sends to Klarna.</summary>
    public sealed class MerchantCatalogApp : CheckoutAppFactory
    {
        private static readonly int Next = TestCatalog.Plans.Count;

        public MerchantCatalogApp()
            : this(new ConcurrentQueue<string>())
        {
        }

        private MerchantCatalogApp(ConcurrentQueue<string> creates)
            : base(null, 0, Plans(), services =>
                services.AddHttpClient(OutboundClients.Klarna).AddHttpMessageHandler(() => new RecordingHandler(creates)), null) =>
            KlarnaCreates = creates;

        /// <summary>The bodies of <c>POST /v2/payment/requests</c> the app sent.</summary>
        public IReadOnlyCollection<string> KlarnaCreates { get; }

        private static Dictionary<string, string?> Plans() => new[]
        {
            DemoPlans.PlanSettings(Next, new Dictionary<string, string>
            {
                ["Id"] = "yen-monthly", ["Name"] = "Yen, monthly", ["Kind"] = "Subscription", ["Currency"] = "JPY", ["PriceMinorUnits"] = "1400",
            }),
            DemoPlans.PlanSettings(Next + 1, new Dictionary<string, string>
            {
                ["Id"] = "dinar-yearly", ["Name"] = "Dinar, yearly", ["Kind"] = "Subscription", ["Currency"] = "KWD", ["PriceMinorUnits"] = "12500",
                ["Interval"] = "Year",
            }),
        }.SelectMany(plan => plan).ToDictionary();

        private sealed class RecordingHandler(ConcurrentQueue<string> creates) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/v2/payment/requests", StringComparison.Ordinal))
                {
                    creates.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
                }
                return await base.SendAsync(request, cancellationToken);
            }
        }
    }
}
