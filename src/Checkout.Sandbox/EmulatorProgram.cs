using Checkout.Sandbox.Common;
using Microsoft.AspNetCore.Builder;

namespace Checkout.Sandbox;

/// <summary>
/// <c>dotnet run --project src/Checkout.Sandbox</c>: Klarna's APIs, purchase journey, Web SDK stand-in and notification
/// API under <c>/sandbox/klarna/</c>, and the sandbox acquirer under <c>/sandbox/acquirer/</c>, for any Klarna integration.
/// </summary>
public static class EmulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        try
        {
            builder.AddEmulator();
            // Traces, metrics and logs to the dashboard when run by the AppHost (OTEL_EXPORTER_OTLP_ENDPOINT).
            builder.AddEmulatorTelemetry();
        }
        catch (InvalidOperationException refused)
        {
            await Console.Error.WriteLineAsync("The Klarna emulator cannot start: " + refused.Message);
            return 1;
        }

        var app = builder.Build();
        app.MapEmulator();
        await app.RunAsync();
        return 0;
    }
}
