namespace Checkout.Contract.Tests.Options;

using Checkout.Klarna;
using Checkout.Web.Infrastructure.Options;

/// <summary>Start-up refuses Klarna settings that would take payments on a key anyone can read.</summary>
public sealed class KlarnaOptionsValidatorTests
{
    private const string PublicDevelopmentSecret = "whsec_development_emulator_0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("development-key-1")]
    [InlineData("krn:partner:key-7")]
    public void The_emulators_public_development_secret_is_refused_beside_Klarnas_API_under_any_key_id(string keyId)
    {
        var result = Validate("https://api-global.test.klarna.com/", new() { [keyId] = PublicDevelopmentSecret, ["krn:partner:key-1"] = "secret" });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Klarna:WebhookSigningKeys:{keyId} is the local emulator's public development secret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_secret_under_a_development_looking_key_id_is_accepted()
    {
        var result = Validate("https://api-global.test.klarna.com/", new() { ["development-key-1"] = "a-secret-klarna-showed-once" });

        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    [Fact]
    public void The_development_secret_is_accepted_for_the_local_emulator()
    {
        var result = Validate("http://localhost:5090/sandbox/klarna/", new() { ["development-key-1"] = PublicDevelopmentSecret });

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
