using Checkout.Sandbox;
using Microsoft.AspNetCore.Builder;

namespace Checkout.Emulator.Tests;

public sealed class SandboxWiringTests
{
    [Fact]
    public void Sandbox_refuses_to_start_in_Production()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddEmulator());

        Assert.Contains("must not run in the Production environment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_secrets_are_generated_and_given_ones_are_kept()
    {
        await using var host = await SandboxHost.StartAsync(new Dictionary<string, string?> { ["Sandbox:Acquirer:ApiKey"] = "acquirer_given" });

        Assert.Matches("^klarna_test_api_sandbox_[0-9a-f]{32}$", host.KlarnaApiKey);
        Assert.Equal("klarna_test_client_sandbox", host.ClientId);
        Assert.Matches("^krn:partner:global:notification:signing-key:[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$", host.SigningKey.Key);
        Assert.Matches("^[0-9a-f]{64}$", host.SigningKey.Value);
        Assert.Equal("acquirer_given", host.AcquirerApiKey);
    }

    [Fact]
    public async Task Given_settings_become_the_emulator_credentials()
    {
        await using var host = await SandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Klarna:ApiKey"] = "klarna_test_api_given",
            ["Sandbox:Klarna:SigningKeyId"] = "key-a",
            ["Sandbox:Klarna:SigningKey"] = "secret-a",
        });

        var created = await host.CreateAsync(SandboxRequests.OneOffPurchase());
        var received = await host.WaitForWebhooksAsync(webhooks => webhooks.Length >= 1);

        Assert.Equal("klarna_test_api_given", host.KlarnaApiKey);
        Assert.Equal("SUBMITTED", created.State());
        Assert.Equal("key-a", received[0].KeyId);
    }
}
