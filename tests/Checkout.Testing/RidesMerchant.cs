namespace Checkout.Testing;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

/// <summary>
/// The merchant's server calling <c>/api/v1/on-demand/charges</c> with <see cref="ApiKey"/>, and the rides sign-up
/// that gives it a customer to charge.
/// </summary>
public sealed class RidesMerchant(CheckoutAppFactory app, string? apiKey = RidesMerchant.ApiKey) : IDisposable
{
    public const string ApiKey = "rides-merchant-test-key-0123456789abcdef";

    public const string ApiKeySetting = "Merchant:ApiKeys:0";

    /// <summary>A second key accepted at the same time, as while the merchant rotates its key.</summary>
    public const string NextApiKey = "rides-merchant-next-key-fedcba9876543210";

    private readonly HttpClient _http = new() { BaseAddress = Started(app).RootUri };

    /// <summary>A shopper signs up for the rides plan and approves in Klarna's journey; returns the customer id (the checkout id).</summary>
    public static async Task<Guid> SignUpRiderAsync(CheckoutAppFactory app, string planId = "rides-on-demand")
    {
        using var shopper = Shopper.Start(app);
        await shopper.OpenCheckoutAsync(planId);
        var started = await shopper.InitiateAsync();
        var journey = started.TryGetProperty("paymentRequestId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : JourneyId(started.GetProperty("paymentRequestUrl").GetString()!);
        await shopper.SimulateJourneyAsync(journey, "approve");
        var status = await shopper.WaitForFinalStatusAsync();
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        return Guid.Parse(shopper.CheckoutId);
    }

    /// <summary>Klarna's payment request id behind a purchase-journey URL of the emulator.</summary>
    public static string JourneyId(string purchaseJourneyUrl) =>
        "krn:payment:eu1:request:" + new Uri(purchaseJourneyUrl).Segments[^1].TrimEnd('/');

    public static object Ride(Guid customerId, long amount, string rideReference = "ride-2026-12-01-0815", string currency = "USD") =>
        new { customerId, amount, currency, rideReference };

    public async Task<(HttpStatusCode Status, JsonElement Body)> ChargeAsync(object body, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/on-demand/charges") { Content = JsonContent.Create(body) };
        Authorize(request);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await SendAsync(request, cancellationToken);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(Guid chargeId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/on-demand/charges/{chargeId}");
        Authorize(request);
        return await SendAsync(request);
    }

    /// <summary>Reads the charge until it is no longer waiting for the shopper or the acquirer.</summary>
    public Task<JsonElement> WaitForSettledAsync(Guid chargeId) => Eventually.MatchesAsync(
        $"charge {chargeId} to settle",
        async () =>
        {
            var (status, charge) = await ReadAsync(chargeId);
            Assert.Equal(HttpStatusCode.OK, status);
            return charge;
        },
        charge => charge.GetProperty("status").GetString() is not ("pending" or "step_up_required"));

    public void Dispose() => _http.Dispose();

    private void Authorize(HttpRequestMessage request)
    {
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    private async Task<(HttpStatusCode, JsonElement)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static CheckoutAppFactory Started(CheckoutAppFactory app)
    {
        app.EnsureStarted();
        return app;
    }
}
