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
        string Secret(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var secrets = new StandaloneSandbox(
            Secret("klarna_test_api_"), ClientId, signingKeyId, signingKey, Secret("acquirer_test_"), Secret("acquirer_whsec_"));
        var app = $"http://127.0.0.1:{appPort}/";
        var settings = secrets.HostSettings(new Uri(app + "api/webhooks/klarna"), new Uri(app + "api/webhooks/acquirer"));
        settings["urls"] = $"http://127.0.0.1:{port}";
        settings["environment"] = "Staging";
        settings["Logging:LogLevel:Default"] = "Warning";
        var host = await ChildProcess.StartAsync(
            typeof(SandboxHost).Assembly.Location,
            [Command, .. settings.Select(s => $"--{s.Key}={s.Value}")],
            port,
            "/ready",
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });
        var appSettings = secrets.AppSettings(host.Root).ToDictionary(s => s.Key, s => s.Value!, StringComparer.OrdinalIgnoreCase);
        return (host, appSettings);
    }
}
