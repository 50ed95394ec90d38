namespace Checkout.Integration.Tests;

using Checkout.Web.Brand;
using Microsoft.Extensions.Hosting;

/// <summary>The merchant's brand from settings: on every page, in the Content-Security-Policy, and checked at start.</summary>
public sealed class BrandTests(BrandTests.BrandedApp app) : IClassFixture<BrandTests.BrandedApp>
{
    [Fact]
    public async Task The_merchants_name_logo_colour_and_links_show_on_the_pages()
    {
        using var http = app.CreateBrowserLikeClient();
        foreach (var path in new[] { "/", "/checkout?plan=premium-monthly" })
        {
            var response = await http.GetAsync(path);
            var page = await response.Content.ReadAsStringAsync();

            Assert.Contains("· Tindra Audio</title>", page, StringComparison.Ordinal);
            Assert.Contains("<img class=\"brand-logo\" src=\"https://cdn.tindra.example/logo.svg\" alt=\"Tindra Audio\" />", page, StringComparison.Ordinal);
            Assert.Contains("href=\"mailto:help@tindra.example\"", page, StringComparison.Ordinal);
            Assert.Contains("href=\"https://tindra.example/terms\"", page, StringComparison.Ordinal);
            Assert.Contains("href=\"https://tindra.example/privacy\"", page, StringComparison.Ordinal);
            Assert.Contains("href=\"/brand.css\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Streamly", page, StringComparison.Ordinal);
            var imageSources = response.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("img-src ", StringComparison.Ordinal));
            Assert.Contains("https://cdn.tindra.example", imageSources.Split(' '));
        }
        Assert.Equal(":root { --accent: #1a7f5a; }", (await http.GetStringAsync("/brand.css")).Trim());
    }

    [Theory]
    [InlineData("AccentColor", "blurple", "Brand:AccentColor")]
    [InlineData("AccentColor", "#12345", "Brand:AccentColor")]
    [InlineData("AccentColor", "#1a7f5a; background: url(x)", "Brand:AccentColor")]
    [InlineData("LogoUrl", "javascript:alert(1)", "Brand:LogoUrl")]
    [InlineData("LogoUrl", "//cdn.tindra.example/logo.svg", "Brand:LogoUrl")]
    [InlineData("LogoUrl", "http://cdn.tindra.example/logo.svg", "Brand:LogoUrl")]
    [InlineData("SupportEmail", "help", "Brand:SupportEmail")]
    [InlineData("SupportEmail", "Help <help@tindra.example>", "Brand:SupportEmail")]
    [InlineData("TermsUrl", "http://tindra.example/terms", "Brand:TermsUrl")]
    [InlineData("PrivacyUrl", "tindra.example/privacy", "Brand:PrivacyUrl")]
    [InlineData("DisplayName", "", "Brand:DisplayName")]
    public void A_bad_brand_setting_outside_Development_is_named(string field, string value, string key)
    {
        var brand = Good();
        typeof(BrandSettings).GetProperty(field)!.SetValue(brand, value);

        var result = new BrandSettingsValidator(new HostEnvironment(Environments.Production)).Validate(null, brand);

        Assert.StartsWith(key + " ", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/img/logo.svg")]
    [InlineData("https://cdn.tindra.example/logo.svg")]
    [InlineData("")]
    public void A_logo_on_this_site_or_over_https_is_accepted(string logo)
    {
        var brand = Good();
        brand.LogoUrl = logo;

        Assert.True(new BrandSettingsValidator(new HostEnvironment(Environments.Production)).Validate(null, brand).Succeeded);
    }

    [Fact]
    public void Plain_http_links_are_accepted_in_Development_only()
    {
        var brand = Good();
        brand.LogoUrl = "http://localhost:5000/logo.svg";
        brand.TermsUrl = "http://localhost:5000/terms";

        Assert.True(new BrandSettingsValidator(new HostEnvironment(Environments.Development)).Validate(null, brand).Succeeded);
        Assert.Equal(2, new BrandSettingsValidator(new HostEnvironment(Environments.Staging)).Validate(null, brand).Failures!.Count());
    }

    private static BrandSettings Good() => new()
    {
        DisplayName = "Tindra Audio",
        LogoUrl = "https://cdn.tindra.example/logo.svg",
        AccentColor = "#1a7f5a",
        SupportEmail = "help@tindra.example",
        TermsUrl = "https://tindra.example/terms",
        PrivacyUrl = "https://tindra.example/privacy",
    };

    private sealed class HostEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Checkout.Web";

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    /// <summary>The test app with another merchant's brand in its settings.</summary>
    public sealed class BrandedApp() : CheckoutAppFactory(null, 0, new Dictionary<string, string?>
    {
        ["Brand:DisplayName"] = "Tindra Audio",
        ["Brand:LogoUrl"] = "https://cdn.tindra.example/logo.svg",
        ["Brand:AccentColor"] = "#1a7f5a",
        ["Brand:SupportEmail"] = "help@tindra.example",
        ["Brand:TermsUrl"] = "https://tindra.example/terms",
        ["Brand:PrivacyUrl"] = "https://tindra.example/privacy",
    }, null, null);
}
