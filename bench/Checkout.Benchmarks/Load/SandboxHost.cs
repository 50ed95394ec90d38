namespace Checkout.Benchmarks.Load;

using System.Security.Cryptography;
using Checkout.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

/// <summary>
/// Klarna's emulator and the sandbox acquirer in a process of their own (<c>load --sandbox process</c>), so the
/// app's memory and CPU figures are the checkout's alone, as in a deployment that reaches Klarna over the network.
/// </summary>
public static class SandboxHost
{
    public const string Command = "sandbox-host";
    public const string ClientId = "klarna_test_client_sandbox";

    /// <summary>Runs the host; <paramref name="settings"/> are <c>--Key=Value</c> configuration, as the app takes them.</summary>
    public static async Task RunAsync(string[] settings)
    {
        var builder = WebApplication.CreateBuilder(settings);
        builder.AddCheckoutSandbox();
        var app = builder.Build();
        app.MapGet("/ready", () => "ready");
        app.MapCheckoutSandbox();
        await app.RunAsync();
    }

    /// <summary>Starts the host for an app that will listen on <paramref name="appPort"/>; returns it and the app's settings for it.</summary>
    public static async Task<(ChildProcess Host, Dictionary<string, string> AppSettings)> StartAsync(int appPort, string signingKeyId, string signingKey)
    {
        var port = Repo.FreePort();
        var klarnaApiKey = "klarna_test_api_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var acquirerApiKey = "acquirer_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var acquirerSecret = "acquirer_whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var app = $"http://127.0.0.1:{appPort}/";
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["environment"] = "Staging",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Sandbox:Enabled"] = "true",
            ["Klarna:ApiKey"] = klarnaApiKey,
            ["Klarna:ClientId"] = ClientId,
            [$"Klarna:WebhookSigningKeys:{signingKeyId}"] = signingKey,
            ["Acquirer:ApiKey"] = acquirerApiKey,
            ["Acquirer:WebhookSecret"] = acquirerSecret,
            ["Sandbox:Klarna:WebhookUrl"] = app + "api/webhooks/klarna",
            ["Sandbox:Acquirer:CallbackUrl"] = app + "api/webhooks/acquirer",
        };
        var host = await ChildProcess.StartAsync(
            typeof(SandboxHost).Assembly.Location,
            [Command, .. settings.Select(s => $"--{s.Key}={s.Value}")],
            port,
            "/ready",
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });
        var root = host.Root;
        var appSettings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Sandbox:Enabled"] = "false",
            ["Klarna:BaseUrl"] = new Uri(root, "sandbox/klarna/").AbsoluteUri,
            ["Klarna:SdkUrl"] = new Uri(root, "sandbox/klarna/web-sdk/v2/klarna.mjs").AbsoluteUri,
            ["Klarna:ApiKey"] = klarnaApiKey,
            ["Klarna:ClientId"] = ClientId,
            ["Acquirer:Kind"] = "Generic",
            ["Acquirer:BaseUrl"] = new Uri(root, "sandbox/acquirer/").AbsoluteUri,
            ["Acquirer:ApiKey"] = acquirerApiKey,
            ["Acquirer:WebhookSecret"] = acquirerSecret,
        };
        return (host, appSettings);
    }
}
