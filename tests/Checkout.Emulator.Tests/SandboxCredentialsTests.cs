using System.Net;

namespace Checkout.Emulator.Tests;

public sealed class SandboxCredentialsTests
{
    [Fact]
    public async Task Development_serves_the_generated_keys_to_a_local_caller()
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, credentials) = await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/sandbox/credentials"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(host.KlarnaApiKey, credentials.Text("klarna_api_key"));
        Assert.Equal(host.AcquirerApiKey, credentials.Text("acquirer_api_key"));
        Assert.Equal(host.ClientId, credentials.Text("klarna_client_id"));
    }

    [Fact]
    public async Task Credentials_name_the_absolute_base_urls_of_the_emulator_and_the_acquirer()
    {
        await using var host = await SandboxHost.StartAsync();

        var (_, credentials) = await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/sandbox/credentials"));
        var klarnaBase = new Uri(credentials.Text("klarna_base_url")!);
        using var klarnaCall = new HttpRequestMessage(HttpMethod.Get, new Uri(klarnaBase, "v2/notification/webhooks"));
        klarnaCall.Headers.TryAddWithoutValidation("Authorization", $"Basic {credentials.Text("klarna_api_key")}");
        using var klarnaAnswer = await host.Client.SendAsync(klarnaCall);

        Assert.Equal(new Uri(host.Address, "/sandbox/klarna/").AbsoluteUri, klarnaBase.AbsoluteUri);
        Assert.Equal(new Uri(host.Address, "/sandbox/acquirer/").AbsoluteUri, credentials.Text("acquirer_base_url"));
        Assert.Equal(host.SigningKey.Key, credentials.Text("klarna_webhook_signing_key_id"));
        Assert.Equal(HttpStatusCode.OK, klarnaAnswer.StatusCode);
    }

    [Fact]
    public async Task Other_environments_do_not_serve_credentials()
    {
        await using var host = await SandboxHost.StartAsync(environment: "Staging");

        using var response = await host.Client.GetAsync(new Uri("/sandbox/credentials", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Acquirer_secrets_are_generated_apart_from_the_merchants()
    {
        await using var host = await SandboxHost.StartAsync();

        Assert.Matches("^klarna_test_api_acquirer_[0-9a-f]{32}$", host.AcquirerKlarnaApiKey);
        Assert.NotEqual(host.KlarnaApiKey, host.AcquirerKlarnaApiKey);
        Assert.Matches("^[0-9a-f]{64}$", host.AcquirerWebhookSecret);
    }
}
