namespace Checkout.Integration.Tests;

using Checkout.Acquiring;
using Checkout.Klarna;
using Checkout.Web.Infrastructure.DevelopmentEmulator;

/// <summary>The emulator the app starts in Development gets the app's keys and sends its webhooks back to the app.</summary>
public sealed class DevelopmentEmulatorStartTests
{
    [Theory]
    [InlineData(null, "http://localhost:5080", "http://localhost:5080/api/webhooks/klarna")]
    [InlineData("", "http://[::]:5080", "http://localhost:5080/api/webhooks/klarna")]
    [InlineData("  ", "https://localhost:5443;http://0.0.0.0:5081", "http://localhost:5081/api/webhooks/klarna")]
    [InlineData("https://shop.example.com/base/", "http://localhost:5080", "https://shop.example.com/base/api/webhooks/klarna")]
    public void Webhooks_go_to_the_public_root_or_the_address_the_app_listens_on(string? publicBaseUrl, string listening, string expected)
    {
        var appRoot = DevelopmentEmulatorStarter.AppRoot(publicBaseUrl, listening.Split(';'));

        var start = DevelopmentEmulatorStarter.StartInfo(
            "/repo/src/Checkout.Sandbox/Checkout.Sandbox.csproj", new Uri("http://localhost:5090/sandbox/klarna/"), appRoot, Klarna(), Acquirer());

        Assert.Equal(expected, start.Environment["Sandbox__Klarna__WebhookUrl"]);
        Assert.Equal(expected.Replace("klarna", "acquirer", StringComparison.Ordinal), start.Environment["Sandbox__Acquirer__CallbackUrl"]);
    }

    [Fact]
    public void The_emulator_runs_in_Development_on_its_port_with_the_apps_keys()
    {
        var start = DevelopmentEmulatorStarter.StartInfo(
            "/repo/src/Checkout.Sandbox/Checkout.Sandbox.csproj", new Uri("http://localhost:5090/sandbox/klarna/"),
            new Uri("http://localhost:5080/"), Klarna(), Acquirer());

        Assert.Equal(["run", "--project", "/repo/src/Checkout.Sandbox/Checkout.Sandbox.csproj", "--no-launch-profile"], start.ArgumentList);
        Assert.Equal("Development", start.Environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("http://localhost:5090", start.Environment["ASPNETCORE_URLS"]);
        Assert.Equal("klarna_test_api_dev", start.Environment["Sandbox__Klarna__ApiKey"]);
        Assert.Equal("klarna_test_client_dev", start.Environment["Sandbox__Klarna__ClientId"]);
        Assert.Equal("a-key", start.Environment["Sandbox__Klarna__SigningKeyId"]);
        Assert.Equal("a-secret", start.Environment["Sandbox__Klarna__SigningKey"]);
        Assert.Equal("acquirer_dev", start.Environment["Sandbox__Acquirer__ApiKey"]);
        Assert.Equal("acquirer_whsec_dev", start.Environment["Sandbox__Acquirer__WebhookSecret"]);
    }

    private static KlarnaOptions Klarna() => new()
    {
        ApiKey = "klarna_test_api_dev",
        ClientId = "klarna_test_client_dev",
        WebhookSigningKeys = new(StringComparer.Ordinal) { ["b-key"] = "b-secret", ["a-key"] = "a-secret" },
    };

    private static AcquirerOptions Acquirer() => new() { ApiKey = "acquirer_dev", WebhookSecret = "acquirer_whsec_dev" };
}
