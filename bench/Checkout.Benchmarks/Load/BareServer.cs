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
/// <c>POST /api/payment-request</c> without any of its work; <c>POST /relay</c> does the same after passing the
/// body on to its own <c>/echo</c> through an <c>HttpClient</c>: the two HTTP exchanges of a payment request
/// (the shopper's and ours to Klarna) with nothing else, the ceiling for that endpoint on this machine.
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
        using var loopback = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{options.Port}/") };
        app.MapPost("/relay", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            using var content = new ByteArrayContent(buffer.ToArray());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await loopback.PostAsync(new Uri("echo", UriKind.Relative), content);
            return Results.Text(await response.Content.ReadAsStringAsync(), "application/json");
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
