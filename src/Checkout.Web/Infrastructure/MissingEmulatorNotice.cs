namespace Checkout.Web.Infrastructure;

using Checkout.Klarna;
using Microsoft.Extensions.Options;

/// <summary>
/// In Development, <c>dotnet run --project src/Checkout.Web</c> talks to an emulator already running where
/// <c>Klarna:BaseUrl</c> points; when nothing answers there (on this machine), one line says what to run. The app starts
/// no process: the AppHost (<c>src/Checkout.AppHost</c>) runs the whole system.
/// </summary>
public sealed partial class MissingEmulatorNotice(
    IOptions<KlarnaOptions> klarna, IHttpClientFactory httpClients, IHostApplicationLifetime lifetime, ILogger<MissingEmulatorNotice> logger)
    : IHostedService
{
    public const string HttpClientName = "emulator-probe";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => ProbeAsync(lifetime.ApplicationStopping)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(klarna.Value.BaseUrl, UriKind.Absolute, out var baseUrl) || !baseUrl.IsLoopback)
        {
            return;
        }
        var root = new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + "/");
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(new Uri(root, "healthz"), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }
        LogNoEmulator(logger, root);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Klarna emulator answers at {Root}: run dotnet run --project src/Checkout.AppHost for the whole system, or dotnet run --project src/Checkout.Sandbox for the emulator alone.")]
    private static partial void LogNoEmulator(ILogger logger, Uri root);
}

public static class MissingEmulatorNoticeRegistration
{
    /// <summary>In Development, says in one line what to run when the emulator the settings point at does not answer.</summary>
    public static WebApplicationBuilder AddMissingEmulatorNotice(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddHttpClient(MissingEmulatorNotice.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(2));
            builder.Services.AddHostedService<MissingEmulatorNotice>();
        }
        return builder;
    }
}
