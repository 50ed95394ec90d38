namespace Checkout.AppHost.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

/// <summary>
/// <c>dotnet run --project src/Checkout.AppHost</c> as a test: the AppHost starts the emulator and the checkout as their own
/// processes, wired to each other, and a shopper pays over HTTP through the emulator. Ports are free ones, not 5080 and
/// 5090, so it runs beside the other test projects and a developer's own AppHost; disposing it stops every process it started.
/// </summary>
public sealed class AppHostTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_AppHost_runs_a_checkout_paid_through_the_emulator_to_completion()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var database = Path.Combine(Path.GetTempPath(), $"checkout-apphost-{Guid.NewGuid():N}.db");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Checkout_AppHost>(
            [
                $"--Ports:Checkout={Ports.Free()}",
                $"--Ports:Emulator={Ports.Free()}",
                $"--Ports:Store={Ports.Free()}",
                $"--CheckoutDatabase=Data Source={database}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:{Ports.Free()}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{Ports.Free()}",
            ],
            timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        try
        {
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("checkout", timeout.Token);
            var emulator = app.GetEndpoint("klarna-emulator", "http");
            using var shopper = Shopper.Over(app.GetEndpoint("checkout", "http"), emulator, await DevelopmentKeysAsync(emulator));

            await shopper.OpenCheckoutAsync("premium-monthly");
            var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
            await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
            var status = await shopper.WaitForFinalStatusAsync(TimeSpan.FromSeconds(60));

            Assert.Equal("Completed", status.GetProperty("status").GetString());
            Assert.Contains("Your subscription is active", await shopper.ConfirmationPageAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            foreach (var file in Directory.EnumerateFiles(Path.GetTempPath(), Path.GetFileName(database) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The keys the AppHost gave the emulator, as it reports them to a caller on this machine.</summary>
    private static async Task<EmulatorKeys> DevelopmentKeysAsync(Uri emulator)
    {
        using var http = new HttpClient { BaseAddress = emulator };
        var keys = await http.GetFromJsonAsync<JsonElement>("sandbox/credentials");
        string Key(string name) => keys.GetProperty(name).GetString()!;
        return new EmulatorKeys(
            Key("klarna_api_key"), Key("klarna_client_id"), Key("klarna_webhook_signing_key_id"), Key("klarna_webhook_signing_key"),
            Key("acquirer_api_key"), Key("acquirer_webhook_secret"));
    }
}
