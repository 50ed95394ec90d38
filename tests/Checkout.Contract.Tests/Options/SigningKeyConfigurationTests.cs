namespace Checkout.Contract.Tests.Options;

using System.Text;
using Checkout.Web.Infrastructure.Options;
using Microsoft.Extensions.Configuration;

/// <summary>
/// Klarna's signing key ids are <c>krn:partner:global:notification:signing-key:&lt;uuid&gt;</c>: the app reads them
/// whole from every place an operator may put them, environment variables (each <c>:</c> written <c>__</c>) included.
/// </summary>
public sealed class SigningKeyConfigurationTests
{
    private const string KeyId = "krn:partner:global:notification:signing-key:e4a1bd0a-5769-4355-80ca-c88908b735a8";

    [Fact]
    public void A_key_id_with_colons_is_read_whole_from_an_environment_variable_written_with_double_underscores()
    {
        var prefix = $"CHECKOUT_TEST_{Guid.NewGuid():N}_";
        var name = prefix + "Klarna__WebhookSigningKeys__" + KeyId.Replace(":", "__", StringComparison.Ordinal);
        Environment.SetEnvironmentVariable(name, "whsec_from_the_environment");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            Assert.Equal(new Dictionary<string, string> { [KeyId] = "whsec_from_the_environment" }, SigningKeyConfiguration.Read(configuration));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_key_id_with_colons_is_read_whole_from_json_settings_and_from_a_flat_user_secrets_file()
    {
        var appsettings = $$"""{ "Klarna": { "WebhookSigningKeys": { "{{KeyId}}": "whsec_json" } } }""";
        var secrets = $$"""{ "Klarna:WebhookSigningKeys:{{KeyId.Replace("e4a1", "0000", StringComparison.Ordinal)}}": "whsec_secrets" }""";
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(appsettings));
        using var flat = new MemoryStream(Encoding.UTF8.GetBytes(secrets));
        var configuration = new ConfigurationBuilder().AddJsonStream(json).AddJsonStream(flat).Build();

        var keys = SigningKeyConfiguration.Read(configuration);

        Assert.Equal("whsec_json", keys[KeyId]);
        Assert.Equal("whsec_secrets", keys[KeyId.Replace("e4a1", "0000", StringComparison.Ordinal)]);
        Assert.Equal(2, keys.Count);
    }
}
