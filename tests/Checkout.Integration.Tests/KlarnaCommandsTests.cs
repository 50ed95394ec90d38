namespace Checkout.Integration.Tests;

using Checkout.Klarna;
using Checkout.Web.Infrastructure.Options;
using Checkout.Web.KlarnaSetup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

/// <summary>The <c>klarna</c> verbs, run in-process against the emulator in a host of its own, as against Klarna.</summary>
public sealed class KlarnaCommandsTests : IAsyncLifetime
{
    private const string MerchantWebhook = "https://checkout.example/api/webhooks/klarna";
    private readonly int _appPort = Ports.Free();
    private readonly UserSecretsFile _secrets = new(Path.Combine(Path.GetTempPath(), $"checkout-secrets-{Guid.NewGuid():N}", "secrets.json"));
    private EmulatorHost _sandbox = null!;

    public Task InitializeAsync()
    {
        _sandbox = EmulatorHost.ForApp(_appPort);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        if (Directory.Exists(Path.GetDirectoryName(_secrets.Path)))
        {
            Directory.Delete(Path.GetDirectoryName(_secrets.Path)!, recursive: true);
        }
    }

    [Fact]
    public async Task Setup_registers_the_completed_webhook_once_and_stores_its_secret_in_user_secrets_without_printing_it()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_secrets.Path)!);
        File.WriteAllText(_secrets.Path, """{ "Acquirer:ApiKey": "kept" }""");

        var (first, firstOutput) = await RunAsync("setup", "--webhook-url", MerchantWebhook);
        var (second, secondOutput) = await RunAsync("setup", "--webhook-url", MerchantWebhook);
        var (_, listed) = await RunAsync("webhooks");

        Assert.Equal(0, first);
        var stored = new ConfigurationBuilder().AddJsonFile(_secrets.Path).Build();
        var (keyId, secret) = Assert.Single(SigningKeyConfiguration.Read(stored));
        Assert.StartsWith("krn:partner:global:notification:signing-key:", keyId, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", secret);
        Assert.Equal("kept", stored["Acquirer:ApiKey"]);
        Assert.Contains($"Stored the signing key as Klarna:WebhookSigningKeys:{keyId}", firstOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, firstOutput, StringComparison.Ordinal);
        Assert.Equal(0, second);
        Assert.Contains("already registered", secondOutput, StringComparison.Ordinal);
        Assert.Single(Lines(listed), line => line.Contains(MerchantWebhook, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Setup_prints_the_secret_only_when_asked_with_print_secret()
    {
        var (exit, output) = await RunAsync("setup", "--webhook-url", MerchantWebhook, "--print-secret");

        Assert.Equal(0, exit);
        var stored = new ConfigurationBuilder().AddJsonFile(_secrets.Path).Build();
        var (keyId, secret) = Assert.Single(SigningKeyConfiguration.Read(stored));
        Assert.Contains($"Klarna:WebhookSigningKeys:{keyId} = {secret}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_lists_registrations_and_deletes_one()
    {
        await RunAsync("setup", "--webhook-url", MerchantWebhook);
        var (_, before) = await RunAsync("webhooks");
        var ours = Assert.Single(Lines(before), line => line.Contains(MerchantWebhook, StringComparison.Ordinal));
        var id = ours.Split(' ')[0];

        var (deleted, deleteOutput) = await RunAsync("webhooks", "delete", id);
        var (_, after) = await RunAsync("webhooks");
        var (deletedAgain, againOutput) = await RunAsync("webhooks", "delete", id);

        Assert.Contains("payment.request.state-change.completed  ENABLED  signing key krn:", ours, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{_appPort}/api/webhooks/klarna", before, StringComparison.Ordinal);
        Assert.Equal(0, deleted);
        Assert.Equal($"Deleted webhook {id}.", deleteOutput.Trim());
        Assert.DoesNotContain(MerchantWebhook, after, StringComparison.Ordinal);
        Assert.Equal(1, deletedAgain);
        Assert.Contains("404", Assert.Single(Lines(againOutput)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_passes_against_a_correctly_set_up_sandbox()
    {
        var (exit, output) = await RunAsync("check");

        Assert.Equal(0, exit);
        Assert.Equal(5, Lines(output).Length);
        Assert.All(Lines(output), line => Assert.StartsWith("ok", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_fails_when_the_webhooks_signing_key_is_not_configured()
    {
        var settings = Settings();
        settings.Remove($"Klarna:WebhookSigningKeys:{_sandbox.Keys.SigningKeyId}");
        settings["Klarna:WebhookSigningKeys:another-key"] = "secret";

        var (exit, output) = await RunAsync(settings, "check");

        Assert.Equal(1, exit);
        var failure = Assert.Single(Lines(output), line => line.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains($"signs with {_sandbox.Keys.SigningKeyId}, which is not in Klarna:WebhookSigningKeys", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_klarna_is_one_line_and_exit_code_1()
    {
        var settings = Settings();
        settings["Klarna:BaseUrl"] = $"http://127.0.0.1:{Ports.Free()}/";

        var (exit, output) = await RunAsync(settings, "check");

        Assert.Equal(1, exit);
        Assert.Contains("Klarna is unreachable", Assert.Single(Lines(output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_api_key_is_one_line_and_exit_code_1()
    {
        var settings = Settings();
        settings["Klarna:ApiKey"] = "klarna_test_api_not_this_one";

        var (exit, output) = await RunAsync(settings, "webhooks");

        Assert.Equal(1, exit);
        Assert.Contains("rejected the API key (HTTP 401)", Assert.Single(Lines(output)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://checkout.example/api/webhooks/klarna")]
    [InlineData("https://checkout.example:8080/api/webhooks/klarna")]
    public async Task Setup_refuses_a_webhook_url_klarna_would_not_deliver_to(string url)
    {
        var (exit, output) = await RunAsync("setup", "--webhook-url", url);
        var (_, listed) = await RunAsync("webhooks");

        Assert.Equal(1, exit);
        Assert.StartsWith($"Refused: {url} is not an https URL on port 443 or 8443", Assert.Single(Lines(output)), StringComparison.Ordinal);
        Assert.DoesNotContain("checkout.example", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_option_the_verbs_do_not_take_is_refused_before_anything_is_called()
    {
        var (exit, output) = await RunAsync("check", "--sandbox", "http://localhost:5080");

        Assert.Equal(1, exit);
        Assert.StartsWith("Unknown option --sandbox.", Assert.Single(Lines(output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_without_a_webhook_url_or_public_root_asks_for_one()
    {
        var settings = Settings();
        settings["Checkout:PublicBaseUrl"] = "";

        var (exit, output) = await RunAsync(settings, "setup");

        Assert.Equal(1, exit);
        Assert.StartsWith("Give --webhook-url https://<your host>/api/webhooks/klarna", Assert.Single(Lines(output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_app_reports_unreachable_klarna_in_one_line_without_a_stack_trace()
    {
        using var process = BuiltApp.Start(["klarna", "check"], new Dictionary<string, string>
        {
            ["Klarna__BaseUrl"] = $"http://127.0.0.1:{Ports.Free()}/",
            ["Klarna__ApiKey"] = "klarna_test_api_anything",
        });
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A bound for a stuck command; a busy machine JITs a cold process slowly.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);

        var lines = Lines(await stdout + await stderr);
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Klarna is unreachable", Assert.Single(lines), StringComparison.Ordinal);
        Assert.DoesNotContain(lines, line => line.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_krn_signing_key_id_from_klarna_configures_the_app()
    {
        const string keyId = "krn:partner:global:notification:signing-key:0b4a1e2c-3d4f-4a5b-8c6d-7e8f9a0b1c2d";
        using var app = CheckoutAppFactory.With(null, 0, new Dictionary<string, string?> { [$"Klarna:WebhookSigningKeys:{keyId}"] = "secret-from-setup" }, null);

        var keys = app.Services.GetRequiredService<IOptions<KlarnaOptions>>().Value.WebhookSigningKeys;

        Assert.Equal("secret-from-setup", Assert.Contains(keyId, keys));
        await Task.CompletedTask;
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = _sandbox.AppSettings();
        settings["Checkout:PublicBaseUrl"] = $"http://127.0.0.1:{_appPort}/";
        return settings;
    }

    private Task<(int Exit, string Output)> RunAsync(params string[] args) => RunAsync(Settings(), args);

    private async Task<(int Exit, string Output)> RunAsync(IDictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        var exit = await KlarnaCommands.RunAsync(args, configuration, output, secrets: _secrets);
        return (exit, output.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
