namespace Checkout.Testing;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

/// <summary>The merchant's store's server calling <c>/api/v1/checkout-sessions</c> with <see cref="ApiKey"/>.</summary>
public sealed class StoreServer(CheckoutAppFactory app, string? apiKey = StoreServer.ApiKey) : IDisposable
{
    public const string ApiKey = "store-server-test-key-0123456789abcdef";

    public const string Host = "store.example";

    /// <summary>The settings that turn the merchant API on with <see cref="ApiKey"/> and allow the store's return pages.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Merchant:ApiKeys:0"] = "an-older-key-still-valid-while-rotating-0123",
        ["Merchant:ApiKeys:1"] = ApiKey,
        ["Merchant:AllowedReturnHosts:0"] = Host,
        ["Merchant:AllowedReturnHosts:1"] = "localhost",
    };

    private readonly HttpClient _http = new() { BaseAddress = Started(app).RootUri };

    /// <summary>A session for <paramref name="planId"/> that returns to the store's pages; <paramref name="extra"/> adds or replaces fields.</summary>
    public static Dictionary<string, object?> Session(string planId = "premium-monthly", IDictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["plan_id"] = planId,
            ["client_reference_id"] = "account-4711",
            ["success_url"] = $"https://{Host}/subscribed?plan={planId}",
            ["cancel_url"] = $"https://{Host}/pricing",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }
        return body;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> CreateAsync(object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/checkout-sessions") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? NewKey());
        return await SendAsync(request);
    }

    /// <summary>Creates the session and fails the test unless it was created.</summary>
    public async Task<JsonElement> CreatedAsync(object body)
    {
        var (status, session) = await CreateAsync(body);
        if (status != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"The session was not created: {(int)status} {session}");
        }
        return session;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(string sessionId) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/v1/checkout-sessions/{sessionId}"));

    public async Task<(HttpStatusCode Status, JsonElement Body)> ExpireAsync(string sessionId) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/v1/checkout-sessions/{sessionId}/expire"));

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            if (apiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }
    }

    public static string NewKey() => "session-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _http.Dispose();

    private static CheckoutAppFactory Started(CheckoutAppFactory app)
    {
        app.EnsureStarted();
        return app;
    }
}
