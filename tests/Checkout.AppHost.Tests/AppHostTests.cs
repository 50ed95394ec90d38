namespace Checkout.AppHost.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

/// <summary>
/// <c>dotnet run --project src/Checkout.AppHost</c> as a test: the AppHost starts the emulator, the checkout and the sample
/// store as their own processes, wired to each other, and shoppers pay over HTTP through the emulator. Ports are free ones, not 5080 and
/// 5090, so it runs beside the other test projects and a developer's own AppHost; disposing it stops every process it started.
/// </summary>
public sealed partial class AppHostTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_AppHost_runs_a_checkout_paid_through_the_emulator_to_completion_and_a_store_that_hears_of_its_subscriber()
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
            var keys = await DevelopmentKeysAsync(emulator);
            using var shopper = Shopper.Over(app.GetEndpoint("checkout", "http"), emulator, keys);

            await shopper.OpenCheckoutAsync("premium-monthly");
            var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
            await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
            var status = await shopper.WaitForFinalStatusAsync(TimeSpan.FromSeconds(60));

            Assert.Equal("Completed", status.GetProperty("status").GetString());
            Assert.Contains("Your subscription is active", await shopper.ConfirmationPageAsync(), StringComparison.Ordinal);

            // The store the AppHost runs beside it: its key opens a session, and the checkout's signed event reaches it.
            await app.ResourceNotifications.WaitForResourceHealthyAsync("storefront", timeout.Token);
            using var store = await SubscribeThroughTheStoreAsync(
                app.GetEndpoint("storefront", "http"), () => Shopper.Over(app.GetEndpoint("checkout", "http"), emulator, keys));
            await Eventually.HoldsAsync("the store to show the subscription from the checkout's event", async () =>
                (await store.GetStringAsync(new Uri("/", UriKind.Relative))).Contains("Subscribed until", StringComparison.Ordinal));
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

    /// <summary>
    /// A shopper in the store clicks "Subscribe" (the store opens a checkout session), pays the session through the emulator
    /// and comes back on the store's success page; returns the shopper's browser on the store.
    /// </summary>
    private static async Task<HttpClient> SubscribeThroughTheStoreAsync(Uri store, Func<Shopper> newCheckoutShopper)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = store };
        var page = await browser.GetStringAsync(new Uri("/", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenField(page, "__RequestVerificationToken"),
            ["attempt"] = HiddenField(page, "attempt"),
        });
        using var subscribe = await browser.PostAsync(new Uri("/subscribe", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, subscribe.StatusCode);
        var sessionUrl = subscribe.Headers.Location!;

        using var shopper = newCheckoutShopper();
        await shopper.OpenSessionAsync(sessionUrl.ToString());
        var paymentRequestId = (await shopper.InitiateAsync()).GetProperty("paymentRequestId").GetString()!;
        await shopper.SimulateJourneyAsync(paymentRequestId, "approve");
        Assert.Equal("Completed", (await shopper.WaitForFinalStatusAsync(TimeSpan.FromSeconds(60))).GetProperty("status").GetString());

        using var back = await browser.GetAsync(new Uri($"/subscribed?session_id={shopper.SessionId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return browser;
    }

    private static string HiddenField(string html, string name) =>
        WebUtility.HtmlDecode(HiddenFieldValue().Matches(html).First(m => m.Groups["name"].Value == name).Groups["value"].Value);

    [GeneratedRegex("name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenFieldValue();

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
