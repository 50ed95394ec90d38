namespace Checkout.Contract.Tests.Options;

using Checkout.Acquiring;
using Checkout.Web.Infrastructure.Options;
using Microsoft.Extensions.Configuration;

/// <summary>Start-up names each missing <c>Acquirer:</c> key for the kind chosen.</summary>
public sealed class AcquirerOptionsValidatorTests
{
    [Fact]
    public void Worldline_without_its_keys_names_each_missing_key()
    {
        var result = Validate(new AcquirerOptions { Kind = AcquirerKind.WorldlineConnect });

        Assert.True(result.Failed);
        foreach (var key in new[] { "Acquirer:BaseUrl", "Acquirer:MerchantId", "Acquirer:ApiKeyId", "Acquirer:SecretApiKey" })
        {
            Assert.Contains(result.Failures!, f => f.StartsWith(key, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(result.Failures!, f => f.StartsWith("Acquirer:ApiKey ", StringComparison.Ordinal));
    }

    [Fact]
    public void Worldline_with_its_keys_needs_no_bearer_api_key()
    {
        var result = Validate(new AcquirerOptions
        {
            Kind = AcquirerKind.WorldlineConnect,
            BaseUrl = "https://eu.sandbox.api-ingenico.com/",
            MerchantId = "9991",
            ApiKeyId = "5e45c937b9db33ae",
            SecretApiKey = "secret",
        });

        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    [Fact]
    public void Generic_still_requires_its_bearer_api_key_and_base_url()
    {
        var result = Validate(new AcquirerOptions { Kind = AcquirerKind.Generic });

        Assert.Contains(result.Failures!, f => f.StartsWith("Acquirer:ApiKey ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Acquirer:BaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void Acquirer_led_flow_requires_the_callback_secret()
    {
        var result = Validate(
            new AcquirerOptions { Kind = AcquirerKind.Generic, BaseUrl = "https://acquirer.example/", ApiKey = "key" },
            new Dictionary<string, string?> { ["Klarna:Flow"] = "AcquirerLed" });

        Assert.Contains(result.Failures!, f => f.StartsWith("Acquirer:WebhookSecret", StringComparison.Ordinal));
    }

    [Fact]
    public void The_development_settings_callback_secret_is_refused_beside_a_real_acquirer()
    {
        var development = DevelopmentSettings();

        var result = Validate(new AcquirerOptions
        {
            Kind = AcquirerKind.Generic, BaseUrl = "https://acquirer.example/", ApiKey = "key", WebhookSecret = development.WebhookSecret,
        });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Acquirer:WebhookSecret is the local emulator's public development secret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_development_settings_are_accepted_for_the_local_emulator()
    {
        var result = Validate(DevelopmentSettings());

        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    /// <summary>The <c>Acquirer:</c> section of the app's <c>appsettings.Development.json</c>, as the build copies it.</summary>
    private static AcquirerOptions DevelopmentSettings()
    {
        var settings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"), optional: false)
            .Build();
        return settings.GetSection("Acquirer").Get<AcquirerOptions>()!;
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(AcquirerOptions options, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        return new AcquirerOptionsValidator(configuration).Validate(null, options);
    }
}
