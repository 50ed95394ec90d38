namespace Checkout.Unit.Tests.Domain;

using Checkout.Domain.Plans;
using Checkout.Domain.Pricing;

public sealed class PlanTests
{
    private static readonly PlanCatalog Catalog = TestPlans.Catalog;

    [Fact]
    public void Subscription_without_trial_charges_its_price_at_sign_up()
    {
        var plan = Catalog.Find("premium-monthly")!;
        Assert.Equal(Money.Of(999, "USD"), plan.DueNow);
        Assert.Equal(TokenScope.CustomerNotPresent, plan.TokenScope);
    }

    [Fact]
    public void Free_trial_charges_nothing_and_bills_after_the_trial()
    {
        var plan = Catalog.Find("family-trial")!;
        Assert.True(plan.DueNow.IsZero);
        Assert.Equal(new DateOnly(2026, 12, 21), plan.FirstBillingDate(new DateOnly(2026, 11, 21)));
        Assert.Equal(TokenScope.CustomerNotPresent, plan.TokenScope);
    }

    [Fact]
    public void On_demand_service_asks_for_a_customer_present_token()
    {
        var plan = Catalog.Find("rides-on-demand")!;
        Assert.Equal(TokenScope.CustomerPresent, plan.TokenScope);
        Assert.Equal(500, plan.DueNow.MinorUnits);
    }

    [Fact]
    public void Unknown_plan_is_not_found() => Assert.Null(Catalog.Find("gold-forever"));

    [Theory]
    [InlineData(11800, "USD", "118.00 USD")]
    [InlineData(1400, "JPY", "1,400 JPY")]
    [InlineData(5, "EUR", "0.05 EUR")]
    [InlineData(12345, "KWD", "12.345 KWD")]
    [InlineData(1500, "BHD", "1.500 BHD")]
    [InlineData(99, "SEK", "0.99 SEK")]
    [InlineData(3, "CLF", "0.0003 CLF")]
    public void Money_displays_minor_units_by_the_currency_exponent(long minor, string currency, string expected) =>
        Assert.Equal(expected, Money.Of(minor, currency).Display());

    [Fact]
    public void Money_displays_with_the_separators_of_a_culture_and_the_currency_exponent() =>
        Assert.Equal("1.234,567 KWD", Money.Of(1_234_567, "KWD").Display(
            new System.Globalization.NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." }));

    [Theory]
    [InlineData(999, "EUR", "de-DE", "9,99 €")]
    [InlineData(123456, "EUR", "fr-FR", "1 234,56 €")]
    [InlineData(11900, "SEK", "sv-SE", "119,00 kr")]
    [InlineData(899, "GBP", "en-GB", "£8.99")]
    [InlineData(999, "EUR", "en-GB", "€9.99")]
    [InlineData(999, "USD", "en-US", "9.99 USD")]
    [InlineData(999, "USD", "de-DE", "9,99 USD")]
    [InlineData(1400, "JPY", "de-DE", "1.400 JPY")]
    [InlineData(11900, "SEK", "de-DE", "119,00 SEK")]
    public void Money_displays_for_a_shoppers_culture_with_a_symbol_only_where_it_names_one_currency(long minor, string currency, string culture, string expected) =>
        Assert.Equal(expected, Money.Of(minor, currency).Display(System.Globalization.CultureInfo.GetCultureInfo(culture)).Replace('\u00A0', ' ').Replace('\u202F', ' '));

    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("USD", 2)]
    [InlineData("GBP", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    public void Every_ISO_4217_currency_has_its_own_exponent(string code, int exponent) =>
        Assert.Equal(exponent, Currency.Parse(code).Exponent);

    [Fact]
    public void Money_refuses_negative_amounts_and_unknown_currencies()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.Of(-1, "USD"));
        Assert.Throws<ArgumentException>(() => Money.Of(100, "XXX"));
        Assert.False(Currency.TryParse("usd", out _));
    }
}
