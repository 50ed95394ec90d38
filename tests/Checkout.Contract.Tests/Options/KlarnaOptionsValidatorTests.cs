namespace Checkout.Contract.Tests.Options;

using Checkout.Klarna;
using Checkout.Web.Infrastructure.Options;

/// <summary>Start-up refuses Klarna settings that would take payments on a key anyone can read.</summary>
public sealed class KlarnaOptionsValidatorTests
{
    [Fact]
    public void The_emulators_public_development_key_is_refused_beside_Klarnas_API()
    {
        var result = Validate("https://api-global.test.klarna.com/", new() { ["krn:partner:global:notification:signing-key:development-1"] = "public", ["krn:partner:global:notification:signing-key:1b2c"] = "secret" });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Klarna:WebhookSigningKeys:krn:partner:global:notification:signing-key:development-1 is the local emulator's public development key", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_development_key_is_accepted_for_the_local_emulator()
    {
        var result = Validate("http://localhost:5090/sandbox/klarna/", new() { ["krn:partner:global:notification:signing-key:development-1"] = "public" });

        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string baseUrl, Dictionary<string, string> signingKeys) =>
        new KlarnaOptionsValidator().Validate(null, new KlarnaOptions
        {
            BaseUrl = baseUrl,
            SdkUrl = "https://js.klarna.com/web-sdk/v2/klarna.mjs",
            ApiKey = "klarna_test_api_x",
            ClientId = "klarna_test_client_x",
            WebhookSigningKeys = signingKeys,
        });
}
