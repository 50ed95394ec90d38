namespace Checkout.Web.Infrastructure.DevelopmentEmulator;

using System.Diagnostics;
using Checkout.Acquiring;
using Checkout.Klarna;
using Checkout.Web.Infrastructure.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

/// <summary>
/// In Development, <c>dotnet run --project src/Checkout.Web</c> brings up the whole checkout: once the app listens, if
/// nothing answers at <c>Klarna:BaseUrl</c>'s origin (on this machine), this starts the Klarna emulator's project as a
/// child process there, with this app's keys and its webhook and callback URLs, and stops it with the app. The app
/// talks to it only through its settings, exactly as it talks to Klarna.
/// </summary>
public sealed partial class DevelopmentEmulatorStarter(
    IOptions<DevelopmentEmulatorSettings> settings,
    IOptions<KlarnaOptions> klarna,
    IOptions<AcquirerOptions> acquirer,
    IOptions<CheckoutSettings> checkout,
    IServer server,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    ILogger<DevelopmentEmulatorStarter> logger) : IHostedService, IDisposable
{
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly CancellationTokenSource _stopping = new();
    private Process? _emulator;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => EnsureRunningAsync(_stopping.Token)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        if (_emulator is { HasExited: false } emulator)
        {
            emulator.Kill(entireProcessTree: true);
            LogStopped(logger, emulator.Id);
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _probe.Dispose();
        _stopping.Dispose();
        _emulator?.Dispose();
    }

    private async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        try
        {
            var root = new Uri(new Uri(klarna.Value.BaseUrl!).GetLeftPart(UriPartial.Authority) + "/");
            if (!root.IsLoopback || await AnswersAsync(root, cancellationToken))
            {
                LogUsing(logger, root);
                return;
            }
            if (FindProject() is not { } project)
            {
                LogNoProject(logger, root);
                return;
            }
            var appRoot = AppRoot(checkout.Value.PublicBaseUrl, server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
            _emulator = Process.Start(StartInfo(project, root, appRoot, klarna.Value, acquirer.Value))
                ?? throw new InvalidOperationException("dotnet did not start.");
            LogStarting(logger, root, _emulator.Id);
            var deadline = DateTime.UtcNow + settings.Value.StartTimeout;
            while (!await AnswersAsync(root, cancellationToken))
            {
                if (_emulator.HasExited || DateTime.UtcNow > deadline)
                {
                    LogFailed(logger, root, _emulator.HasExited ? _emulator.ExitCode : null);
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
            LogStarted(logger, root);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// <c>dotnet run --project <paramref name="project"/></c> on <paramref name="root"/>'s port, with the app's Klarna and
    /// acquirer keys as the emulator's own, and its webhooks and callbacks addressed to <paramref name="appRoot"/>.
    /// </summary>
    public static ProcessStartInfo StartInfo(string project, Uri root, Uri appRoot, KlarnaOptions klarna, AcquirerOptions acquirer)
    {
        ArgumentNullException.ThrowIfNull(klarna);
        ArgumentNullException.ThrowIfNull(acquirer);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { "run", "--project", project, "--no-launch-profile" },
            UseShellExecute = false,
        };
        var (keyId, key) = klarna.WebhookSigningKeys.OrderBy(pair => pair.Key, StringComparer.Ordinal).FirstOrDefault();
        var variables = start.Environment;
        variables["ASPNETCORE_ENVIRONMENT"] = "Development";
        variables["ASPNETCORE_URLS"] = root.GetLeftPart(UriPartial.Authority);
        variables["Sandbox__Klarna__ApiKey"] = klarna.ApiKey;
        variables["Sandbox__Klarna__ClientId"] = klarna.ClientId;
        variables["Sandbox__Klarna__SigningKeyId"] = keyId;
        variables["Sandbox__Klarna__SigningKey"] = key;
        variables["Sandbox__Klarna__WebhookUrl"] = new Uri(appRoot, "api/webhooks/klarna").AbsoluteUri;
        variables["Sandbox__Acquirer__ApiKey"] = acquirer.ApiKey;
        variables["Sandbox__Acquirer__WebhookSecret"] = acquirer.WebhookSecret;
        variables["Sandbox__Acquirer__CallbackUrl"] = new Uri(appRoot, "api/webhooks/acquirer").AbsoluteUri;
        return start;
    }

    /// <summary>Where the emulator reaches this app: <c>Checkout:PublicBaseUrl</c>, else the first address it listens on.</summary>
    public static Uri AppRoot(string? publicBaseUrl, IEnumerable<string> listening)
    {
        ArgumentNullException.ThrowIfNull(listening);
        // An empty setting must not become "/", which Uri reads as file:/// on Unix.
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            return new Uri(publicBaseUrl.TrimEnd('/') + "/");
        }
        var addresses = listening.ToList();
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        foreach (var wildcard in new[] { "://+", "://*", "://[::]", "://0.0.0.0" })
        {
            address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }
        return new UriBuilder(address) { Path = "/" }.Uri;
    }

    private string? FindProject()
    {
        if (!string.IsNullOrWhiteSpace(settings.Value.Project))
        {
            return File.Exists(settings.Value.Project) ? Path.GetFullPath(settings.Value.Project) : null;
        }
        for (var directory = new DirectoryInfo(environment.ContentRootPath); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Checkout.Sandbox", "Checkout.Sandbox.csproj");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private async Task<bool> AnswersAsync(Uri root, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _probe.GetAsync(new Uri(root, "healthz"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the Klarna emulator at {Root}.")]
    private static partial void LogUsing(ILogger logger, Uri root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nothing answers at {Root}: starting the Klarna emulator there (process {ProcessId}); its first start builds it.")]
    private static partial void LogStarting(ILogger logger, Uri root, int processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Klarna emulator answers at {Root}: the checkout is ready.")]
    private static partial void LogStarted(ILogger logger, Uri root);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Klarna emulator did not come up at {Root} (exit code {ExitCode}): run dotnet run --project src/Checkout.Sandbox to see why.")]
    private static partial void LogFailed(ILogger logger, Uri root, int? exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nothing answers at {Root} and the emulator's project is not beside this app: start it with dotnet run --project src/Checkout.Sandbox, or set Klarna:BaseUrl.")]
    private static partial void LogNoProject(ILogger logger, Uri root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped the Klarna emulator (process {ProcessId}).")]
    private static partial void LogStopped(ILogger logger, int processId);
}
