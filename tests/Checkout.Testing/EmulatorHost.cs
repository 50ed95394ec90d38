namespace Checkout.Testing;

using System.Net;
using Checkout.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>What an emulator host is started with; everything optional.</summary>
public sealed record EmulatorHostOptions
{
    /// <summary>Null: none given, the emulator generates its own (read them back from <see cref="EmulatorHost.Keys"/>).</summary>
    public EmulatorKeys? Keys { get; init; } = EmulatorKeys.Test;

    /// <summary>0: any free port.</summary>
    public int Port { get; init; }

    public Uri? KlarnaWebhookUrl { get; init; }

    public Uri? AcquirerCallbackUrl { get; init; }

    /// <summary>Added after the keys and the fast test retry delays, so they may override both.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public string Environment { get; init; } = Environments.Development;

    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Endpoints of the test's own on the same host (a webhook receiver, a relay).</summary>
    public Action<WebApplication>? Map { get; init; }
}

/// <summary>
/// The Klarna emulator and sandbox acquirer (src/Checkout.Sandbox) on real Kestrel in the test's process, configured
/// as its own host is: the one way every test project hosts it.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    /// <summary>Where the completed webhook carries its tokens: Payload (the default), StateContext or Both.</summary>
    public const string WebhookTokenPlacementSetting = "Sandbox:Klarna:WebhookTokenPlacement";

    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
        var configuration = app.Configuration;
        Keys = new EmulatorKeys(
            configuration["Sandbox:Klarna:ApiKey"]!, configuration["Sandbox:Klarna:ClientId"]!, configuration["Sandbox:Klarna:SigningKeyId"]!,
            configuration["Sandbox:Klarna:SigningKey"]!, configuration["Sandbox:Acquirer:ApiKey"]!, configuration["Sandbox:Acquirer:WebhookSecret"]!);
    }

    public Uri Root { get; }

    /// <summary>The keys it runs with, given or generated.</summary>
    public EmulatorKeys Keys { get; }

    public IServiceProvider Services => _app.Services;

    public IConfiguration Configuration => _app.Configuration;

    /// <summary>The app's settings for talking to this emulator.</summary>
    public Dictionary<string, string?> AppSettings() => Keys.AppSettings(Root);

    /// <summary>An emulator whose webhooks and callbacks go to the app that will listen on <paramref name="appPort"/>.</summary>
    public static EmulatorHost ForApp(
        int appPort, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) => Start(new EmulatorHostOptions
    {
        Services = services,
        KlarnaWebhookUrl = new Uri($"http://127.0.0.1:{appPort}/api/webhooks/klarna"),
        AcquirerCallbackUrl = new Uri($"http://127.0.0.1:{appPort}/api/webhooks/acquirer"),
        Settings = settings ?? new Dictionary<string, string?>(),
    });

    public static EmulatorHost Start(EmulatorHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = options.Environment,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Klarna:WebhookRetryDelays:0"] = "00:00:00.200",
            ["Sandbox:Acquirer:CallbackRetryDelays:0"] = "00:00:00.200",
        });
        builder.Configuration.AddInMemoryCollection(options.Keys?.EmulatorSettings() ?? []);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Klarna:WebhookUrl"] = options.KlarnaWebhookUrl?.AbsoluteUri,
            ["Sandbox:Acquirer:CallbackUrl"] = options.AcquirerCallbackUrl?.AbsoluteUri,
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        options.Services?.Invoke(builder.Services);
        builder.AddEmulator();
        var app = builder.Build();
        app.MapEmulator();
        options.Map?.Invoke(app);
        app.Start();
        return new EmulatorHost(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
