namespace Checkout.Integration.Tests;

using System.Net;
using Checkout.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

/// <summary>
/// Klarna's emulator and the sandbox acquirer in a host of their own, so they outlive an app restart.
/// The app reaches them with <c>Sandbox:Enabled=false</c>, as it would reach Klarna's test environment.
/// </summary>
public sealed class ExternalSandbox : IAsyncDisposable
{
    public const string KlarnaApiKey = "klarna_test_api_external_0123456789abcdef";
    public const string SigningKeyId = "external-key-1";
    public const string SigningKey = "whsec_external_0123456789abcdef0123456789abcdef";
    public const string AcquirerApiKey = "acquirer_test_external_0123456789";
    public const string AcquirerWebhookSecret = "acquirer_whsec_external_0123456789";
    public const string ClientId = "klarna_test_client_external";

    private static readonly StandaloneSandbox Secrets = new(KlarnaApiKey, ClientId, SigningKeyId, SigningKey, AcquirerApiKey, AcquirerWebhookSecret);

    private readonly WebApplication _app;

    private ExternalSandbox(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    public Uri Root { get; }

    /// <summary>Starts the sandbox; its webhooks and acquirer callbacks go to the app on <paramref name="appPort"/>.</summary>
    public static async Task<ExternalSandbox> StartAsync(int appPort)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(Secrets.HostSettings(
            new Uri($"http://127.0.0.1:{appPort}/api/webhooks/klarna"), new Uri($"http://127.0.0.1:{appPort}/api/webhooks/acquirer")));
        builder.Configuration["Sandbox:Klarna:WebhookRetryDelays:0"] = "00:00:00.200";
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.AddCheckoutSandbox();
        var app = builder.Build();
        app.MapCheckoutSandbox();
        await app.StartAsync();
        return new ExternalSandbox(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    /// <summary>The app's settings for talking to this sandbox instead of its own.</summary>
    public Dictionary<string, string?> AppSettings() => Secrets.AppSettings(Root);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
