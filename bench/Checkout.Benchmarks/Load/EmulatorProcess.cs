namespace Checkout.Benchmarks.Load;

using System.Security.Cryptography;
using Checkout.Testing;

/// <summary>
/// Klarna's emulator and the sandbox acquirer (Checkout.Sandbox.dll) in a process of their own, so the app's memory
/// and CPU figures are the checkout's alone, as in a deployment that reaches Klarna over the network.
/// </summary>
public static class EmulatorProcess
{
    /// <summary>
    /// Starts the emulator for an app that will listen on <paramref name="appPort"/>; returns it and the app's settings for it.
    /// <paramref name="environment"/> is Staging, or Development where a run reads the emulator's test endpoints (loopback only).
    /// </summary>
    public static async Task<(ChildProcess Host, EmulatorKeys Keys, Dictionary<string, string> AppSettings)> StartAsync(
        int appPort, string signingKeyId, string signingKey, string environment)
    {
        var port = Repo.FreePort();
        string Secret(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var keys = new EmulatorKeys(
            Secret("klarna_test_api_"), "klarna_test_client_bench", signingKeyId, signingKey, Secret("acquirer_test_"), Secret("acquirer_whsec_"));
        var app = $"http://127.0.0.1:{appPort}/";
        var settings = keys.EmulatorSettings();
        settings["Sandbox:Klarna:WebhookUrl"] = app + "api/webhooks/klarna";
        settings["Sandbox:Acquirer:CallbackUrl"] = app + "api/webhooks/acquirer";
        settings["urls"] = $"http://127.0.0.1:{port}";
        settings["environment"] = environment;
        settings["Logging:LogLevel:Default"] = "Warning";
        var host = await ChildProcess.StartAsync(
            Repo.EmulatorDll,
            settings.Select(s => $"--{s.Key}={s.Value}").ToList(),
            port,
            "/healthz",
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });
        var appSettings = keys.AppSettings(host.Root).ToDictionary(s => s.Key, s => s.Value!, StringComparer.OrdinalIgnoreCase);
        return (host, keys, appSettings);
    }
}
