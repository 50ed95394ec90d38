namespace Checkout.Integration.Tests;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Checkout.Domain.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

/// <summary>The expiry scenarios the seeds name, in both flows: an expired payment request, and a session token too old to finalize.</summary>
public sealed class ExpiryScenarioTests
{
    [Theory]
    [InlineData("Direct")]
    [InlineData("AcquirerLed")]
    public async Task Payment_request_left_until_it_expires_ends_the_order_Expired(string flow)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Klarna:Flow"] = flow,
            ["Sandbox:Klarna:PaymentRequestLifetime"] = "00:00:01",
        };
        using var app = CheckoutAppFactory.With(null, 0, settings, null);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        await shopper.InitiateAsync();

        var status = await shopper.WaitForFinalStatusAsync();

        Assert.Equal("Expired", status.GetProperty("status").GetString());
        Assert.Contains("timed out", await shopper.ConfirmationPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquirer_finalizing_after_the_session_token_expired_ends_Expired_with_the_token_kept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // One clock for the app and the emulator, as one clock runs for Klarna, the acquirer and the merchant.
        var port = Ports.Free();
        await using var emulator = EmulatorHost.ForApp(
            port, new Dictionary<string, string?> { ["Sandbox:Acquirer:HoldFinalization"] = "true" }, s => s.AddSingleton<TimeProvider>(clock));
        using var app = CheckoutAppFactory.With(null, port, new Dictionary<string, string?> { ["Klarna:Flow"] = "AcquirerLed" }, s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        }, emulator);
        var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync("premium-monthly");
        var url = (await shopper.InitiateAsync()).GetProperty("paymentRequestUrl").GetString()!;
        await shopper.SimulateJourneyAsync("krn:payment:eu1:request:" + new Uri(url).Segments[^1], "approve");

        using var acquirer = new HttpClient { BaseAddress = new Uri(app.Emulator.Root, "sandbox/acquirer/") };
        acquirer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Services.GetRequiredService<IConfiguration>()["Acquirer:ApiKey"]);
        var paymentId = await WaitForHeldPaymentAsync(acquirer, shopper);
        clock.Advance(TimeSpan.FromMinutes(61));
        var finalized = await acquirer.PostAsync($"v1/payments/{paymentId}/finalize", null);
        Assert.True(finalized.IsSuccessStatusCode, await finalized.Content.ReadAsStringAsync());

        var status = await shopper.WaitForFinalStatusAsync();

        Assert.Equal("Expired", status.GetProperty("status").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<ICustomerTokenVault>().FindAsync(Guid.Parse(shopper.CheckoutId), CancellationToken.None));
    }

    private static async Task<string> WaitForHeldPaymentAsync(HttpClient acquirer, Shopper shopper)
    {
        var seen = await Eventually.MatchesAsync("Klarna's completion to reach the acquirer", async () =>
        {
            var status = (await shopper.StatusAsync()).GetProperty("status").GetString();
            if (await shopper.AcquirerPaymentIdAsync() is not { } paymentId)
            {
                return new HeldPayment(status, null);
            }
            var payment = await acquirer.GetFromJsonAsync<JsonElement>($"v1/payments/{paymentId}");
            return new HeldPayment(status, payment.TryGetProperty("customer_token_id", out var token) && token.ValueKind == JsonValueKind.String ? paymentId : null);
        }, seen => seen.Status != "AwaitingShopper" || seen.PaymentId is not null);
        Assert.Equal("AwaitingShopper", seen.Status);
        return seen.PaymentId!;
    }

    /// <summary>The order's status, and the acquirer's payment once Klarna's completion gave it a customer token.</summary>
    private sealed record HeldPayment(string? Status, string? PaymentId);
}
