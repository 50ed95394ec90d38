namespace Checkout.Integration.Tests;

using Microsoft.Extensions.Options;

/// <summary>A misconfigured deployment fails at start-up, naming every missing key.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void Without_the_sandbox_every_missing_Klarna_key_is_named()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "false",
            ["Klarna:ClientId"] = "",
            ["Acquirer:Kind"] = "Generic",
        };
        using var app = CheckoutAppFactory.With(null, 0, settings, null);

        var failure = Assert.ThrowsAny<Exception>(app.EnsureStarted);

        var messages = string.Join('\n', ExceptionChain.Flatten(failure).Select(e => e.Message));
        foreach (var key in new[] { "Klarna:ApiKey", "Klarna:ClientId", "Klarna:WebhookSigningKeys", "Klarna:BaseUrl", "Klarna:SdkUrl" })
        {
            Assert.Contains(key, messages, StringComparison.Ordinal);
        }
        Assert.Contains(ExceptionChain.Flatten(failure), e => e is OptionsValidationException);
    }

    [Fact]
    public void Generic_acquirer_without_its_settings_is_named()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "false",
            ["Klarna:BaseUrl"] = "https://api-global.test.klarna.com/",
            ["Klarna:SdkUrl"] = "https://js.klarna.com/web-sdk/v2/klarna.mjs",
            ["Klarna:ApiKey"] = "klarna_test_api_x",
            ["Klarna:ClientId"] = "klarna_test_client_x",
            ["Klarna:WebhookSigningKeys:k1"] = "secret",
            ["Acquirer:Kind"] = "Generic",
        };
        using var app = CheckoutAppFactory.With(null, 0, settings, null);

        var messages = string.Join('\n', ExceptionChain.Flatten(Assert.ThrowsAny<Exception>(app.EnsureStarted)).Select(e => e.Message));

        Assert.Contains("Acquirer:BaseUrl", messages, StringComparison.Ordinal);
        Assert.Contains("Acquirer:ApiKey", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Sandbox_acquirer_without_the_sandbox_is_refused()
    {
        using var app = CheckoutAppFactory.With(null, 0, new Dictionary<string, string?> { ["Sandbox:Enabled"] = "false" }, null);
        var failure = Assert.ThrowsAny<Exception>(app.EnsureStarted);
        Assert.Contains("Sandbox:Enabled", string.Join('\n', ExceptionChain.Flatten(failure).Select(e => e.Message)), StringComparison.Ordinal);
    }
}
