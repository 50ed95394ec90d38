using System.Net;
using System.Text.Json.Nodes;

namespace Checkout.Emulator.Tests;

public sealed class NotificationApiTests
{
    private const string Completed = "payment.request.state-change.completed";

    [Fact]
    public async Task Signing_key_secret_is_shown_once_when_the_key_is_created()
    {
        await using var host = await SandboxHost.StartAsync();

        var key = await host.CreateSigningKeyAsync();
        var (status, list) = await host.SendAsync(host.Klarna(HttpMethod.Get, "/v2/notification/signing-keys"));

        Assert.StartsWith("krn:partner:global:notification:signing-key:", key.Text("signing_key_id"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", key.Text("signing_key"));
        Assert.Equal(HttpStatusCode.OK, status);
        var listed = Assert.Single(list["signing_keys"]!.AsArray(), item => item!["signing_key_id"]!.GetValue<string>() == key.Text("signing_key_id"));
        Assert.Null(listed!["signing_key"]);
        Assert.DoesNotContain(key.Text("signing_key")!, list.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_registration_is_listed_until_it_is_deleted()
    {
        await using var host = await SandboxHost.StartAsync();
        var keyId = (await host.CreateSigningKeyAsync()).Text("signing_key_id")!;

        var (created, webhook) = await host.RegisterAsync("https://merchant.example/api/webhooks/klarna", [Completed], keyId);
        var webhookId = webhook.Text("webhook_id")!;
        var listedBefore = await host.ListWebhookIdsAsync();
        var (deleted, _) = await host.SendAsync(host.Klarna(HttpMethod.Delete, $"/v2/notification/webhooks/{webhookId}"));
        var listedAfter = await host.ListWebhookIdsAsync();
        var (deletedAgain, error) = await host.SendAsync(host.Klarna(HttpMethod.Delete, $"/v2/notification/webhooks/{webhookId}"));

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("https://merchant.example/api/webhooks/klarna", webhook.Text("url"));
        Assert.Equal([Completed], webhook["event_types"]!.AsArray().Select(type => type!.GetValue<string>()));
        Assert.Equal("v2", webhook.Text("event_version"));
        Assert.Equal(keyId, webhook.Text("signing_key_id"));
        Assert.Equal("ENABLED", webhook.Text("status"));
        Assert.Contains(webhookId, listedBefore);
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.DoesNotContain(webhookId, listedAfter);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain);
        Assert.Equal("NOT_FOUND", error.Text("error_code"));
    }

    [Theory]
    [InlineData("http://merchant.example/api/webhooks/klarna")]
    [InlineData("https://merchant.example:8080/api/webhooks/klarna")]
    [InlineData("/api/webhooks/klarna")]
    public async Task Webhook_url_must_be_https_on_port_443_or_8443(string url)
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, error) = await host.RegisterAsync(url, [Completed], host.SigningKey.Key);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INPUT_ERROR", error.Text("error_type"));
        Assert.Equal("VALIDATION_ERROR", error.Text("error_code"));
        Assert.False(string.IsNullOrEmpty(error.Text("error_id")));
        var problem = Assert.Single(error["validation_errors"]!.AsArray());
        Assert.Equal("url", problem!["parameter"]!.GetValue<string>());
        Assert.Contains("443 or 8443", problem["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://merchant.example:8443/api/webhooks/klarna")]
    [InlineData("http://localhost:5080/api/webhooks/klarna")]
    [InlineData("http://127.0.0.1:5080/api/webhooks/klarna")]
    public async Task Port_8443_and_loopback_urls_are_accepted(string url)
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, _) = await host.RegisterAsync(url, [Completed], host.SigningKey.Key);

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Unknown_event_type_wrong_version_and_unknown_key_are_each_named()
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, error) = await host.SendAsync(host.Klarna(HttpMethod.Post, "/v2/notification/webhooks", new
        {
            url = "https://merchant.example/api/webhooks/klarna",
            event_types = new[] { "payment.request.state-change.authorized" },
            event_version = "v1",
            signing_key_id = "krn:partner:global:notification:signing-key:unknown",
            status = "ENABLED",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            ["event_types", "event_version", "signing_key_id"],
            error["validation_errors"]!.AsArray().Select(problem => problem!["parameter"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Registration_without_event_types_is_refused()
    {
        await using var host = await SandboxHost.StartAsync();

        var (status, error) = await host.RegisterAsync("https://merchant.example/api/webhooks/klarna", [], host.SigningKey.Key);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("event_types", error["validation_errors"]![0]!["parameter"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_registration_twice_is_a_conflict()
    {
        await using var host = await SandboxHost.StartAsync();
        await host.RegisterAsync("https://merchant.example/api/webhooks/klarna", [Completed], host.SigningKey.Key);

        var (status, error) = await host.RegisterAsync("https://merchant.example/api/webhooks/klarna", [Completed], host.SigningKey.Key);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("CONFLICT", error.Text("error_code"));
    }

    [Fact]
    public async Task Only_the_merchants_api_key_manages_notifications()
    {
        await using var host = await SandboxHost.StartAsync();

        var (wrongKey, error) = await host.SendAsync(host.Klarna(HttpMethod.Get, "/v2/notification/webhooks", apiKey: "klarna_test_api_wrong"));
        var (acquirerKey, _) = await host.SendAsync(host.Klarna(HttpMethod.Post, "/v2/notification/signing-keys", apiKey: host.AcquirerKlarnaApiKey));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey);
        Assert.Equal("UNAUTHORIZED", error.Text("error_code"));
        Assert.Equal(HttpStatusCode.Unauthorized, acquirerKey);
    }

    [Fact]
    public async Task The_sandbox_starts_with_a_completed_registration_for_the_app()
    {
        await using var host = await SandboxHost.StartAsync(everyEvent: false);

        var (_, list) = await host.SendAsync(host.Klarna(HttpMethod.Get, "/v2/notification/webhooks"));

        var webhook = Assert.Single(list["webhooks"]!.AsArray())!.AsObject();
        Assert.Equal(new Uri(host.Address, "/api/webhooks/klarna").AbsoluteUri, webhook.Text("url"));
        Assert.Equal([Completed], webhook["event_types"]!.AsArray().Select(type => type!.GetValue<string>()));
        Assert.Equal(host.SigningKey.Key, webhook.Text("signing_key_id"));
    }
}

internal static class NotificationRequests
{
    public static async Task<JsonObject> CreateSigningKeyAsync(this SandboxHost host)
    {
        var (status, key) = await host.SendAsync(host.Klarna(HttpMethod.Post, "/v2/notification/signing-keys"));
        Assert.Equal(HttpStatusCode.Created, status);
        return key;
    }

    public static Task<(HttpStatusCode Status, JsonObject Body)> RegisterAsync(
        this SandboxHost host, string url, string[] eventTypes, string signingKeyId) =>
        host.SendAsync(host.Klarna(HttpMethod.Post, "/v2/notification/webhooks", new
        {
            url,
            event_types = eventTypes,
            event_version = "v2",
            signing_key_id = signingKeyId,
            status = "ENABLED",
        }));

    public static async Task<string[]> ListWebhookIdsAsync(this SandboxHost host)
    {
        var (status, list) = await host.SendAsync(host.Klarna(HttpMethod.Get, "/v2/notification/webhooks"));
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. list["webhooks"]!.AsArray().Select(webhook => webhook!["webhook_id"]!.GetValue<string>())];
    }
}
