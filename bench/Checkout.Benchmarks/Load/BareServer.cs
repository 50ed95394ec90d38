namespace Checkout.Benchmarks.Load;

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// The ceiling: bare Kestrel on the same machine, in its own process, with Server GC like any Web SDK app.
/// <c>GET /</c> answers a short text; <c>POST /echo</c> reads the body and answers a small JSON, the shape of
/// <c>POST /api/payment-request</c> without any of its work.
/// </summary>
public static class BareServer
{
    public const string Command = "bare-server";

    public static async Task RunAsync(BenchOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        app.MapGet("/", () => "Hello World!");
        app.MapPost("/echo", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            return Results.Text("""{"paymentRequestId":"krn:payment:eu1:request:bench","paymentRequestUrl":"http://127.0.0.1/x"}""", "application/json");
        });
        await app.RunAsync();
    }

    public static Task<ChildProcess> StartAsync()
    {
        var port = Repo.FreePort();
        var dll = typeof(BareServer).Assembly.Location;
        return ChildProcess.StartAsync(dll, [Command, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], port, "/",
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });
    }
}
